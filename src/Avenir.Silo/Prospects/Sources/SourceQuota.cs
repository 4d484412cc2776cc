namespace Avenir.Silo.Prospects.Sources;

/// <summary>What a source has spent, for logs and the dashboard (a job may persist it between runs).</summary>
/// <param name="Source">The source.</param>
/// <param name="RequestsLastMinute">Requests sent in the last minute.</param>
/// <param name="RequestsPerMinute">The per-minute limit.</param>
/// <param name="CreditsUsed">Credits spent in the current period (PDL: one per record returned; Apollo and Google: one per request).</param>
/// <param name="CreditLimit">The period's budget, null for none.</param>
/// <param name="PeriodStart">Start of the current credit period (UTC).</param>
/// <param name="BlockedUntil">Set after a 429: no request before this instant.</param>
public sealed record SourceQuotaUsage(
    string Source, int RequestsLastMinute, int RequestsPerMinute, long CreditsUsed, int? CreditLimit, DateTimeOffset PeriodStart,
    DateTimeOffset? BlockedUntil)
{
    /// <summary>Credits left in the period (null: no limit).</summary>
    public long? CreditsRemaining => CreditLimit is { } limit ? Math.Max(0, limit - CreditsUsed) : null;
}

/// <summary>
/// Counts one source's requests and credits and paces requests to its limits: at most
/// <see cref="SourceOptions.RequestsPerMinute"/> in any sliding minute, none before a 429's reset, none once the
/// period's credits are spent. Waits go through <see cref="IDelay"/> and time through <see cref="TimeProvider"/>, so
/// tests check the spacing without sleeping. Thread-safe; one instance per source per process.
/// </summary>
public sealed class SourceQuota
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly string _source;
    private readonly SourceOptions _options;
    private readonly TimeProvider _time;
    private readonly IDelay _delay;
    private DateTimeOffset _periodStart;
    private long _creditsUsed;
    private DateTimeOffset? _blockedUntil;

    /// <summary>Creates the counter for <paramref name="source"/>.</summary>
    public SourceQuota(string source, SourceOptions options, TimeProvider time, IDelay delay)
    {
        _source = source;
        _options = options;
        _time = time;
        _delay = delay;
        _periodStart = PeriodStartOf(time.GetUtcNow());
    }

    /// <summary>The current figures.</summary>
    public SourceQuotaUsage Usage
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                RollPeriod(now);
                Prune(now);
                return new SourceQuotaUsage(
                    _source, _sent.Count, _options.RequestsPerMinute, _creditsUsed, _options.CreditLimit, _periodStart,
                    _blockedUntil > now ? _blockedUntil : null);
            }
        }
    }

    /// <summary>Credits left in the period (<see cref="long.MaxValue"/> without a limit).</summary>
    public long CreditsRemaining => Usage.CreditsRemaining ?? long.MaxValue;

    /// <summary>
    /// Waits until a request may be sent and counts it. Fails with <see cref="ProspectSourceFailure.QuotaExhausted"/>
    /// when the period's credits are spent, and with <see cref="ProspectSourceFailure.RateLimited"/> when the wait
    /// would be longer than <see cref="SourceOptions.MaxRateLimitWait"/>.
    /// </summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                RollPeriod(now);
                if (_options.CreditLimit is { } limit && _creditsUsed >= limit)
                {
                    throw new ProspectSourceException(_source, ProspectSourceFailure.QuotaExhausted,
                        $"{_source}: the {_options.CreditPeriod}ly budget of {limit} credits is spent (resets {NextPeriodStart():u}).", NextPeriodStart());
                }

                Prune(now);
                wait = TimeSpan.Zero;
                if (_blockedUntil is { } blocked && blocked > now)
                {
                    wait = blocked - now;
                }

                if (_sent.Count >= Math.Max(1, _options.RequestsPerMinute))
                {
                    var slot = _sent.Peek() + Window - now;
                    wait = slot > wait ? slot : wait;
                }

                if (wait <= TimeSpan.Zero)
                {
                    _sent.Enqueue(now);
                    return;
                }

                if (wait > _options.MaxRateLimitWait)
                {
                    throw new ProspectSourceException(_source, ProspectSourceFailure.RateLimited,
                        $"{_source}: rate limited until {now + wait:u}, longer than the {_options.MaxRateLimitWait} this process waits.", now + wait);
                }
            }

            await _delay.WaitAsync(wait, cancellationToken);
        }
    }

    /// <summary>Records that the provider refused with 429 and when its limit resets.</summary>
    public void BlockUntil(DateTimeOffset reset)
    {
        lock (_gate)
        {
            if (_blockedUntil is null || reset > _blockedUntil)
            {
                _blockedUntil = reset;
            }
        }
    }

    /// <summary>Adds the credits a call spent.</summary>
    public void Charge(long credits)
    {
        lock (_gate)
        {
            RollPeriod(_time.GetUtcNow());
            _creditsUsed += Math.Max(0, credits);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() + Window <= now)
        {
            _sent.Dequeue();
        }
    }

    private void RollPeriod(DateTimeOffset now)
    {
        var start = PeriodStartOf(now);
        if (start != _periodStart)
        {
            _periodStart = start;
            _creditsUsed = 0;
        }
    }

    private DateTimeOffset PeriodStartOf(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return string.Equals(_options.CreditPeriod, "day", StringComparison.OrdinalIgnoreCase)
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private DateTimeOffset NextPeriodStart() =>
        string.Equals(_options.CreditPeriod, "day", StringComparison.OrdinalIgnoreCase) ? _periodStart.AddDays(1) : _periodStart.AddMonths(1);
}

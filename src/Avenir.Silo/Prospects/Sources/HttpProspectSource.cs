using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>
/// What every HTTP source has: its typed <see cref="HttpClient"/> (from the factory, with the resilience pipeline),
/// its options, its quota, and one <see cref="SourceRequestSender"/> that counts requests and turns the provider's
/// status codes into <see cref="ProspectSourceException"/>s. A source adds its query and its answer's mapping.
/// </summary>
public abstract class HttpProspectSource<TOptions> : IProspectSource
    where TOptions : SourceOptions
{
    protected HttpProspectSource(string name, HttpClient http, TOptions options, Uri defaultBaseAddress, SourceQuotas quotas, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(quotas);
        Name = name;
        Options = options;
        Time = time;
        http.BaseAddress ??= options.BaseAddress ?? defaultBaseAddress;
        SourceQuota = quotas.For(name, options);
        Sender = new SourceRequestSender(name, http, SourceQuota, time);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SourceQuotaUsage Quota => SourceQuota.Usage;

    protected TOptions Options { get; }

    protected SourceQuota SourceQuota { get; }

    protected TimeProvider Time { get; }

    protected SourceRequestSender Sender { get; }

    /// <inheritdoc />
    public abstract Task<ProspectSearchPage> SearchAsync(IdealCustomerProfile profile, string? cursor, int pageSize, CancellationToken cancellationToken);
}

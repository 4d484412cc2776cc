namespace Avenir.Silo.Prospects;

/// <summary>
/// Waits. Everything in prospecting that paces itself (rate limits, one request per second per host, polling a
/// mailbox) waits through this, so tests replace it with one that advances a fake clock instead of sleeping.
/// </summary>
public interface IDelay
{
    /// <summary>Completes after <paramref name="duration"/> (at once for zero or less).</summary>
    Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>Waits on a <see cref="TimeProvider"/>'s timers.</summary>
public sealed class TimeProviderDelay(TimeProvider time) : IDelay
{
    /// <inheritdoc />
    public Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        duration <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(duration, time, cancellationToken);
}

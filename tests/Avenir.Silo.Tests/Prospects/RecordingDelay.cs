using Avenir.Silo.Prospects;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Prospects;

/// <summary>An <see cref="IDelay"/> that does not sleep: it records each wait and moves the fake clock on by it.</summary>
public sealed class RecordingDelay(FakeTimeProvider time) : IDelay
{
    private readonly List<TimeSpan> waits = [];
    private readonly Lock gate = new();

    /// <summary>Every wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (gate)
            {
                return [.. waits];
            }
        }
    }

    public Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (duration > TimeSpan.Zero)
        {
            lock (gate)
            {
                waits.Add(duration);
                time.Advance(duration);
            }
        }

        return Task.CompletedTask;
    }
}

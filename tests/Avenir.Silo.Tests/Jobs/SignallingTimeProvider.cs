using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when the code under test creates a timer (every <c>Task.Delay(…, time)</c>
/// is one), so a test can wait until the code is waiting on the clock, then move it: a signal instead of a real sleep.
/// </summary>
public sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return timer;
    }

    /// <summary>Completes when the next timer after this call is created (take it before the action that creates one).</summary>
    public Task NextTimerAsync() => Volatile.Read(ref next).Task.WaitAsync(TimeSpan.FromSeconds(30));
}

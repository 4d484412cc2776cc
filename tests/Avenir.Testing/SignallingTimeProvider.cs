using Microsoft.Extensions.Time.Testing;

namespace Avenir.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when the code under test creates a timer (every <c>Task.Delay(…, time)</c>
/// and <c>WaitAsync(…, time)</c> is one) and when it is due, so a test can wait until the code is waiting on the clock,
/// then move it exactly that far: a signal instead of a real sleep.
/// </summary>
public sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private TaskCompletionSource<TimeSpan> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Exchange(ref next, new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(dueTime);
        return timer;
    }

    /// <summary>
    /// Completes, with the timer's due time, when the next timer after this call is created (take it before the action
    /// that creates one).
    /// </summary>
    public Task<TimeSpan> NextTimerAsync() => Volatile.Read(ref next).Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>
    /// Starts <paramref name="start"/> and moves the clock from each timer it waits on to the next, each exactly to its
    /// due time, until the task ends: the code's pauses and timeouts all run on this clock.
    /// </summary>
    public async Task<T> DriveAsync<T>(Func<Task<T>> start)
    {
        var timer = NextTimerAsync();
        var task = start();
        while (await Task.WhenAny(task, timer) != task)
        {
            var due = await timer;
            timer = NextTimerAsync();
            Advance(due);
        }

        return await task;
    }
}

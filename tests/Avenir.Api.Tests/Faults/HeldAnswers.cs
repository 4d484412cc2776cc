namespace Avenir.Api.Tests.Faults;

/// <summary>
/// A silo-side grain call filter that lets the next call of one method run to its end (it commits) and then withholds its
/// answer, as a silo that dies right after committing does: the caller hears nothing and can only time out.
/// </summary>
public sealed class HeldAnswers : IIncomingGrainCallFilter
{
    private Hold? next;

    /// <summary>
    /// The next call of <paramref name="methodName"/> (on any grain) runs but is not answered until the returned source is
    /// completed (complete it when the test ends, so the silo can stop).
    /// </summary>
    public TaskCompletionSource HoldNextAnswerOf(string methodName)
    {
        var hold = new Hold(methodName, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref next, hold);
        return hold.Released;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (Volatile.Read(ref next) is { } hold && hold.Method == context.InterfaceMethod.Name
            && Interlocked.CompareExchange(ref next, null, hold) == hold)
        {
            await hold.Released.Task;
        }
    }

    private sealed record Hold(string Method, TaskCompletionSource Released);
}

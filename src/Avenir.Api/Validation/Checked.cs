namespace Avenir.Api.Validation;

/// <summary>
/// What an asynchronous check of a request gives: the value, or the RFC 9457 problem to answer instead. Implicit from
/// either, read with <see cref="TryGet"/> so that neither side needs a null-forgiving operator.
/// </summary>
public readonly record struct Checked<T> where T : class
{
    private Checked(T? value, ProblemHttpResult? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }

    public ProblemHttpResult? Problem { get; }

    public static implicit operator Checked<T>(T value) => new(value, null);

    public static implicit operator Checked<T>(ProblemHttpResult problem) => new(null, problem);

    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        (value, problem) = (Value, Value is null ? Problem ?? throw new InvalidOperationException("Neither a value nor a problem.") : null);
        return value is not null;
    }
}

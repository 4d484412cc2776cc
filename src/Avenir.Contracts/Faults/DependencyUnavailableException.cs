namespace Avenir.Contracts.Faults;

/// <summary>
/// A dependency (PostgreSQL) did not answer a grain call: the caller answers 503 with <c>Retry-After</c>. Raised by the
/// silo in place of the driver's exception, which does not cross the grain boundary intact. Whether the call's work was
/// committed is unknown when the connection broke mid-commit; callers must not claim it was not.
/// </summary>
[GenerateSerializer, Alias("Avenir.Contracts.Faults.DependencyUnavailableException")]
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
    {
    }

    public DependencyUnavailableException(string message)
        : base(message)
    {
    }

    public DependencyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DependencyUnavailableException(string dependency, string message)
        : base(message) => Dependency = dependency;

    /// <summary>Which dependency: "PostgreSQL".</summary>
    [Id(0)] public string Dependency { get; init; } = "unknown";
}

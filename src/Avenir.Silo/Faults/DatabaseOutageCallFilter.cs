using Avenir.Contracts.Faults;

namespace Avenir.Silo.Faults;

/// <summary>
/// Turns a PostgreSQL outage inside any grain call into <see cref="DependencyUnavailableException"/>, a type every
/// caller knows (the driver's exceptions do not survive Orleans serialization), so the API answers 503, not 500.
/// </summary>
public sealed class DatabaseOutageCallFilter(ILogger<DatabaseOutageCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            logger.LogWarning(exception, "{Grain}.{Method}: PostgreSQL is unavailable", context.TargetId, context.MethodName);
            throw new DependencyUnavailableException(DatabaseOutage.Dependency, "PostgreSQL did not answer; retry shortly.");
        }
    }
}

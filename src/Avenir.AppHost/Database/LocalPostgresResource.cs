namespace Avenir.AppHost.Database;

/// <summary>
/// The PostgreSQL server installed on this machine, run by the AppHost as an executable. It is its own
/// connection-string resource (rather than a parent with a database child) because a child of an
/// executable gets no state from its parent and its dependants would wait forever.
/// </summary>
internal sealed class LocalPostgresResource(string name, string command, string workingDirectory, string connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{connectionString}");
}

namespace Avenir.Testing;

/// <summary>
/// One PostgreSQL server per test process, started on first use and stopped when the process exits.
/// Starting a server costs about a second; a database costs milliseconds, so tests share the server and
/// each takes its own database.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<ThrowawayPostgres>> Server = new(StartAsync);

    public static Task<ThrowawayPostgres> GetAsync() => Server.Value;

    private static async Task<ThrowawayPostgres> StartAsync()
    {
        var server = await ThrowawayPostgres.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}

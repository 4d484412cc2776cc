using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Avenir.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>
/// Restarts the stack's PostgreSQL server process, as an operator's <c>pg_ctl restart -m fast</c> would: the running
/// server is stopped by <c>pg_ctl stop -m fast</c> (every session cut, a clean shutdown), then the AppHost starts a new
/// server on the same data folder and port (its resource's start command), so the AppHost still owns the server and
/// stops it at the end. (The resource's own stop command would send SIGTERM, PostgreSQL's "smart" shutdown, which
/// waits for the pooled connections to close, i.e. until the orchestrator kills it.)
/// </summary>
public static class PostgresRestart
{
    /// <summary>The AppHost's PostgreSQL resource when it runs the local server.</summary>
    public const string Resource = "avenirdb";

    public static async Task RestartAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var pid = ClusterProbe.Pid(app, Resource);
        var bin = PostgresBinaries.FindBinDirectory() ?? throw new InvalidOperationException("No PostgreSQL binaries: the stack could not have started.");
        var (command, arguments) = PostgresBinaries.AsServiceUser(
            Path.Combine(bin, "pg_ctl"), "stop", "-D", DataDirectory(pid), "-m", "fast", "-w", "-t", "30");
        await ProcessRunner.RunAsync(command, arguments);

        await app.ResourceNotifications.WaitForResourceAsync(Resource, KnownResourceStates.TerminalStates, cancellationToken);
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var started = await commands.ExecuteCommandAsync(Resource, KnownResourceCommands.StartCommand, cancellationToken);
        Assert.True(started.Success, started.Message);
    }

    /// <summary>The server's <c>-D</c> argument, read from its command line (the AppHost runs the server itself, not a wrapper).</summary>
    private static string DataDirectory(int pid)
    {
        var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        var index = Array.IndexOf(arguments, "-D");
        Assert.True(index >= 0 && index + 1 < arguments.Length, $"process {pid} is a PostgreSQL server with -D: {string.Join(' ', arguments)}");
        return arguments[index + 1];
    }
}

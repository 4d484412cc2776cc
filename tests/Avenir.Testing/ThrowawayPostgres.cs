using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Avenir.LocalServers;
using Npgsql;

namespace Avenir.Testing;

/// <summary>
/// A PostgreSQL server for one test run, found the way the AppHost finds one: an external server when
/// <c>AVENIR_TEST_POSTGRES</c> holds a superuser connection string; else a container when a container
/// engine answers; else the PostgreSQL binaries installed on the machine, in a temporary folder on a free
/// port. Tests get a fresh database each (<see cref="CreateDatabaseAsync"/>), so they never see each
/// other's rows.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly Func<ValueTask> stop;

    private ThrowawayPostgres(string adminConnectionString, string description, Func<ValueTask> stop)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
        this.stop = stop;
    }

    /// <summary>A superuser connection to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from, for test output.</summary>
    public string Description { get; }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("AVENIR_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new ThrowawayPostgres(external, "external (AVENIR_TEST_POSTGRES)", () => ValueTask.CompletedTask);
        }

        if (await ContainerRuntimeProbe.IsHealthyAsync("docker", TimeSpan.FromSeconds(5)))
        {
            return await StartContainerAsync();
        }

        return await StartLocalServerAsync();
    }

    /// <summary>Creates an empty database and returns a superuser connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "avenir_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public ValueTask DisposeAsync() => stop();

    private static async Task<ThrowawayPostgres> StartLocalServerAsync()
    {
        var bin = PostgresBinaries.FindBinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL for the tests: set AVENIR_TEST_POSTGRES, start a container engine, or install the PostgreSQL server binaries.");

        // As root the server runs as 'postgres', which must be able to enter every parent of its folder.
        var root = Path.Combine(PostgresBinaries.RunningAsRoot ? "/tmp" : Path.GetTempPath(), $"avenir-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        if (PostgresBinaries.RunningAsRoot)
        {
            await ProcessRunner.RunAsync("chown", "postgres:", root);
        }

        var (initdb, initdbArguments) = PostgresBinaries.AsServiceUser(Path.Combine(bin, "initdb"),
            "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await ProcessRunner.RunAsync(initdb, initdbArguments);

        var port = FreePort();
        // Durability off: a test database is thrown away, and fsync would dominate a 2-core run.
        var (postgres, serverArguments) = PostgresBinaries.AsServiceUser(Path.Combine(bin, "postgres"),
            "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
            "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300");
        var start = new ProcessStartInfo(postgres)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in serverArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start postgres.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        StopWhenTestProcessEnds(server.Id);

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
        await WaitUntilAcceptingAsync(connectionString, server);

        return new ThrowawayPostgres(connectionString, $"local server {bin} on port {port}", async () =>
        {
            NpgsqlConnection.ClearAllPools();
            if (!server.HasExited)
            {
                // SIGINT is PostgreSQL's fast shutdown: it ends open sessions instead of waiting for them.
                await ProcessRunner.RunAsync("kill", "-INT", server.Id.ToString(CultureInfo.InvariantCulture));
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await server.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    server.Kill(entireProcessTree: true);
                }
            }

            server.Dispose();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary folder is harmless
            }
        });
    }

    private static async Task<ThrowawayPostgres> StartContainerAsync()
    {
        var port = FreePort();
        var name = $"avenir-test-pg-{Guid.NewGuid():N}";
        await ProcessRunner.RunAsync("docker", "run", "-d", "--rm", "--name", name, "-e", "POSTGRES_HOST_AUTH_METHOD=trust",
            "-p", $"127.0.0.1:{port}:5432", "postgres:17", "-c", "fsync=off", "-c", "max_connections=300");
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
        await WaitUntilAcceptingAsync(connectionString, server: null);
        return new ThrowawayPostgres(connectionString, $"container {name}", async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ProcessRunner.RunAsync("docker", "rm", "-f", name);
        });
    }

    /// <summary>
    /// A test host can end without running disposal (a crash, a killed run, a test runner's hard exit):
    /// a small watchdog shell stops the server when this process is gone, so no server outlives its tests.
    /// </summary>
    private static void StopWhenTestProcessEnds(int serverPid)
    {
        var watchdog = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add(
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {serverPid} 2>/dev/null; do sleep 1; done; "
            + $"kill -INT {serverPid} 2>/dev/null; exit 0");
        using var _ = Process.Start(watchdog);
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString, Process? server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
            {
                if (server is { HasExited: true })
                {
                    throw new InvalidOperationException($"postgres exited with code {server.ExitCode} before accepting connections.", exception);
                }

                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

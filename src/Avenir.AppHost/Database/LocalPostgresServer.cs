using System.Security.Cryptography;
using Avenir.LocalServers;
using Microsoft.Extensions.Configuration;

namespace Avenir.AppHost.Database;

/// <summary>
/// Finds the PostgreSQL server binaries, prepares a data folder (initdb once, with a generated superuser
/// password kept beside it), and says how to run the server. PostgreSQL refuses to run as root, so when
/// the AppHost is root the server runs as the <c>postgres</c> user (see <see cref="PostgresBinaries"/>).
/// </summary>
internal sealed class LocalPostgresServer
{
    private const string ServiceUser = "postgres";

    private LocalPostgresServer(string binDirectory, string root, int port)
    {
        BinDirectory = binDirectory;
        Root = root;
        Port = port;
    }

    public string BinDirectory { get; }

    /// <summary>Holds <c>data/</c> (the cluster) and <c>superuser.password</c>.</summary>
    public string Root { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    private string PasswordFile => Path.Combine(Root, "superuser.password");

    /// <summary>
    /// The server as configured (<c>Postgres:BinDirectory</c>, <c>Postgres:DataDirectory</c>, <c>Postgres:Port</c>),
    /// or null when no binaries are installed.
    /// </summary>
    public static LocalPostgresServer? Find(IConfiguration configuration)
    {
        var binDirectory = configuration["Postgres:BinDirectory"] ?? PostgresBinaries.FindBinDirectory();
        if (binDirectory is null || !File.Exists(Path.Combine(binDirectory, "postgres")))
        {
            return null;
        }

        // As root, the data folder and every parent must be enterable by the postgres user: a checkout
        // under /root is not, so root's default lives under /var/lib.
        var root = configuration["Postgres:DataDirectory"]
            ?? (PostgresBinaries.RunningAsRoot
                ? "/var/lib/avenir/postgres"
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "avenir", "postgres"));
        var port = configuration.GetValue("Postgres:Port", 5433);
        return new LocalPostgresServer(binDirectory, Path.GetFullPath(root), port);
    }

    /// <summary>Creates the cluster on first use; returns the superuser password.</summary>
    public async Task<string> EnsureInitializedAsync()
    {
        Directory.CreateDirectory(Root);
        if (!File.Exists(PasswordFile))
        {
            await File.WriteAllTextAsync(PasswordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var password = (await File.ReadAllTextAsync(PasswordFile)).Trim();
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return password;
        }

        if (PostgresBinaries.RunningAsRoot)
        {
            await ProcessRunner.RunAsync("chown", $"{ServiceUser}:", Root);
        }

        // initdb reads the password from a file the service user can read; it is removed right after.
        var passwordForInitdb = Path.Combine(Root, ".initdb-password");
        await File.WriteAllTextAsync(passwordForInitdb, password);
        try
        {
            if (PostgresBinaries.RunningAsRoot)
            {
                await ProcessRunner.RunAsync("chown", ServiceUser, passwordForInitdb);
            }

            var (command, arguments) = PostgresBinaries.AsServiceUser(Path.Combine(BinDirectory, "initdb"),
                "-D", DataDirectory, "-U", "postgres", "--auth-host=scram-sha-256", "--auth-local=peer",
                "--encoding=UTF8", "--locale=C.UTF-8", $"--pwfile={passwordForInitdb}");
            await ProcessRunner.RunAsync(command, arguments);
        }
        finally
        {
            File.Delete(passwordForInitdb);
        }

        return password;
    }

    /// <summary>The command and arguments that run the server in the foreground.</summary>
    public (string Command, string[] Arguments) ServerCommand()
    {
        string[] serverArguments =
        [
            "-D", DataDirectory,
            "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            // TCP only: socket paths under a long working folder exceed the 107-byte limit.
            "-c", "unix_socket_directories=",
            // The API and each silo hold at most 2 × Database:MaxPoolSize (32) connections; the rest is headroom (psql, the
            // benchmark's 64-connection INSERT ceiling).
            "-c", "max_connections=300",
        ];
        return PostgresBinaries.AsServiceUser(Path.Combine(BinDirectory, "postgres"), serverArguments);
    }

}

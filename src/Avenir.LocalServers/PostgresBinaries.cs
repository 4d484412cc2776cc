namespace Avenir.LocalServers;

/// <summary>
/// Finds the PostgreSQL server binaries on this machine. The AppHost and the test fixture both use it, so
/// tests find PostgreSQL exactly as the AppHost does.
/// </summary>
public static class PostgresBinaries
{
    /// <summary>The folder holding <c>postgres</c> and <c>initdb</c>, or null when none is installed.</summary>
    public static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "postgres")) && File.Exists(Path.Combine(directory, "initdb")));
        if (onPath is not null)
        {
            return onPath;
        }

        // Debian and Ubuntu keep server binaries off PATH, one folder per major version: take the newest.
        const string debianRoot = "/usr/lib/postgresql";
        return Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }

    /// <summary>PostgreSQL refuses to run as root: the server then runs as the <c>postgres</c> user.</summary>
    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>
    /// The command line that runs <paramref name="executable"/> as the service user when we are root.
    /// <c>setpriv</c> execs, so stop signals reach the server itself.
    /// </summary>
    public static (string Command, string[] Arguments) AsServiceUser(string executable, params string[] arguments) =>
        RunningAsRoot
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", executable, .. arguments])
            : (executable, arguments);
}

using System.Net.Sockets;
using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// Whether an exception means "PostgreSQL is not reachable right now" (down, restarting, shutting down, out of
/// connections) rather than "this statement is wrong": the first is a 503 with Retry-After, the second is a bug.
/// </summary>
public static class DatabaseOutage
{
    public const string Dependency = "PostgreSQL";

    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when IsOutageState(postgres.SqlState):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Connection exceptions (08), insufficient resources (53, e.g. too many connections), operator intervention (57P01
    /// admin shutdown, 57P02 crash shutdown, 57P03 starting up), and 55000 as a refused connection ("not currently
    /// accepting connections").
    /// </summary>
    private static bool IsOutageState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state is "57P01" or "57P02" or "57P03" or "55000";
}

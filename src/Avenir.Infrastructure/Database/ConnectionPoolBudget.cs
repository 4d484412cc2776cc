using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// How many PostgreSQL connections one process may hold, and the name it shows in <c>pg_stat_activity</c>.
/// </summary>
/// <remarks>
/// A process has two pools on the application connection: its <see cref="NpgsqlDataSource"/> and Orleans' ADO.NET
/// providers (membership, grain state, reminders), so it holds at most twice <see cref="DefaultMaxPoolSize"/>. Npgsql's
/// own default of 100 per pool let one silo hold 147 connections when two hundred client grains flushed at the same
/// moment, and the server (<c>max_connections</c>, shared with every other process) refused everyone else
/// (53300 "too many clients already"). Above the cap a caller waits for a connection instead. A connection string
/// that states its own <c>Maximum Pool Size</c> or <c>Application Name</c> keeps it.
/// </remarks>
public static class ConnectionPoolBudget
{
    public const int DefaultMaxPoolSize = 32;

    public static string Apply(string connectionString, IConfiguration configuration)
    {
        var stated = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!stated.Contains("MAXIMUMPOOLSIZE") && !stated.Contains("MAXPOOLSIZE"))
        {
            var size = configuration.GetValue("Database:MaxPoolSize", DefaultMaxPoolSize);
            if (size < 1)
            {
                throw new InvalidOperationException($"Database:MaxPoolSize must be at least 1 (was {size}).");
            }

            builder.MaxPoolSize = size;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, size);
        }

        if (!stated.Contains("APPLICATIONNAME") && (configuration["Database:ApplicationName"] ?? Assembly.GetEntryAssembly()?.GetName().Name) is
            { Length: > 0 } name)
        {
            builder.ApplicationName = name;
        }

        return builder.ConnectionString;
    }
}

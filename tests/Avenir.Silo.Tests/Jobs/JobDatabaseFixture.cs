using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>A migrated database of its own for the queue tests (no cluster: the queue needs none).</summary>
public sealed class JobDatabaseFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateMigratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A job's row as the owner sees it (no row-level security).</summary>
    public async Task<JobRow> ReadJobAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status, attempts, run_after, last_error, error, completed_at, locked_by, result::text, progress_message FROM queue_jobs WHERE id = $1",
            connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"job {id} exists");
        return new JobRow(
            reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    /// <summary>A job type of its own for each test: the tests share the database, each claims only its type.</summary>
    public static string UniqueJobType() => "test_" + Guid.NewGuid().ToString("N");
}

public sealed record JobRow(
    string Status, int Attempts, DateTimeOffset RunAfter, string? LastError, string? Error,
    DateTimeOffset? CompletedAt, string? LockedBy, string? Result, string? ProgressMessage);

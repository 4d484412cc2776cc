using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Benchmarks;

/// <summary>
/// The ceiling intake is compared with: a bare single-row <c>INSERT</c> into <c>lead_memory</c> of the
/// same row shape as intake writes (same columns, same kinds of values), on the same database server
/// with its durability settings as they are (<c>synchronous_commit</c> unchanged), in autocommit (one
/// statement = one transaction = one commit), each worker on its own connection, distinct ids. The rows
/// belong to the client the benchmark posts as, so its foreign key holds; they are deleted afterwards.
/// </summary>
internal sealed class InsertCeiling(NpgsqlDataSource owner, Guid clientId)
{
    private const string Insert =
        """
        INSERT INTO lead_memory (id, client_id, name, email, message, phone, company, language, metadata, dedupe_hash,
                                 idempotency_key, request_hash, is_test, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
        """;

    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private long sequence;

    /// <summary>Ids of the rows written, to delete them afterwards.</summary>
    public ConcurrentBag<Guid> Written { get; } = [];

    public async Task<PhaseResult> RunAsync(int concurrency, TimeSpan duration)
    {
        var connections = new NpgsqlConnection[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            connections[i] = await owner.OpenConnectionAsync();
        }

        try
        {
            var tallies = connections.Select(_ => new WorkerTally()).ToArray();
            var start = Stopwatch.GetTimestamp();
            var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(tallies.Select((tally, i) => Task.Run(() => WorkerAsync(connections[i], tally, deadline))));
            return PhaseResult.Merge(concurrency, start, tallies);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task WorkerAsync(NpgsqlConnection connection, WorkerTally tally, long deadline)
    {
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var n = Interlocked.Increment(ref sequence);
            var id = Guid.CreateVersion7();
            var email = $"ceiling.{run}.{n}@example.com";
            var message = $"Benchmark lead {run}-{n}: could you send me a quote for a weekly office cleaning, starting next month?";
            await using var command = new NpgsqlCommand(Insert, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter { Value = clientId });
            command.Parameters.Add(new NpgsqlParameter { Value = $"Bench Lead {n}" });
            command.Parameters.Add(new NpgsqlParameter { Value = email });
            command.Parameters.Add(new NpgsqlParameter { Value = message });
            command.Parameters.Add(Text(null));
            command.Parameters.Add(Text(null));
            command.Parameters.Add(Text(null));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = "{}" });
            command.Parameters.Add(new NpgsqlParameter { Value = Sha256(email + "\n" + message) });
            command.Parameters.Add(Text(null));
            command.Parameters.Add(new NpgsqlParameter { Value = Sha256(message + email) });
            command.Parameters.Add(new NpgsqlParameter { Value = true });
            command.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow });
            var started = Stopwatch.GetTimestamp();
            try
            {
                await command.ExecuteNonQueryAsync();
                tally.Success(started);
                Written.Add(id);
            }
            catch (PostgresException exception)
            {
                tally.Error(exception.SqlState);
            }
        }
    }

    /// <summary>Deletes the ceiling's rows, so the database keeps only what intake wrote.</summary>
    public async Task CleanUpAsync()
    {
        await using var command = owner.CreateCommand("DELETE FROM lead_memory WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = Written.ToArray() });
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

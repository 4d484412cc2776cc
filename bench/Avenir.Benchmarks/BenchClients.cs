using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Avenir.Benchmarks;

/// <summary>
/// The many-clients shape (<c>--clients N</c>): N more test clients, each with its own API key, added as the database
/// owner (a row as registration writes it: the key's SHA-256 in <c>api_key_hash</c>). The API finds them by key as any
/// client; their grains load them from the row.
/// </summary>
internal static class BenchClients
{
    private const string Insert =
        """
        INSERT INTO clients (client_id, api_key_hash, api_key_prefix, business_name, email, is_test)
        SELECT id, hash, 'avk_bench', 'Bench client ' || n, 'bench-' || id || '@example.com', true
          FROM unnest($1::uuid[], $2::text[], $3::int[]) AS c (id, hash, n)
        """;

    /// <summary>Adds <paramref name="count"/> clients; returns their API keys.</summary>
    public static async Task<string[]> CreateAsync(NpgsqlDataSource owner, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, count).Select(n => $"avk_bench_{run}_{n:D4}_0123456789abcdef").ToArray();
        await using var command = owner.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(_ => Guid.NewGuid()).ToArray() });
        var hashes = keys.Select(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k)))).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = hashes });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, count).ToArray() });
        await command.ExecuteNonQueryAsync();
        return keys;
    }
}

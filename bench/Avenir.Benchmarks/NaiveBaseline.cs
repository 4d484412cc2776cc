using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Benchmarks;

/// <summary>
/// What a team without Orleans would ship (issue 13): a plain ASP.NET minimal-API endpoint that takes the same JSON
/// lead and writes the same five rows as Avenir's intake — the lead, its "created" action, its request log and its
/// enrichment and auto-reply jobs — in one transaction per lead, one statement after the other with Npgsql, then
/// answers 201 with the id. The API key is checked against the clients table's hash (cached after the first look-up,
/// as any such service would). No row-level security, no duplicate search, no idempotency: less work per lead than
/// Avenir does. It runs in the benchmark's process on a free loopback port, so it shares the load generator's CPU
/// (Avenir's API is a process of its own): the comparison favours neither side by much, and the report says so.
/// </summary>
internal sealed class NaiveBaseline : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly NpgsqlDataSource database;

    private NaiveBaseline(WebApplication app, NpgsqlDataSource database, Uri endpoint)
    {
        this.app = app;
        this.database = database;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<NaiveBaseline> StartAsync(string ownerConnection, int maxConnections)
    {
        var port = FreePort();
        var database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ownerConnection) { MaxPoolSize = maxConnections }.ConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton(database);
        var app = builder.Build();
        var clientsByKeyHash = new System.Collections.Concurrent.ConcurrentDictionary<string, Guid>(StringComparer.Ordinal);
        app.MapPost("/api/lead", async (HttpContext http) =>
        {
            var key = http.Request.Headers["X-Api-Key"].ToString();
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            if (!clientsByKeyHash.TryGetValue(hash, out var clientId))
            {
                await using var find = database.CreateCommand(BaselineRows.ClientOfKey);
                find.Parameters.Add(new NpgsqlParameter { Value = hash });
                if (await find.ExecuteScalarAsync() is not Guid found)
                {
                    return Results.Unauthorized();
                }

                clientId = clientsByKeyHash.GetOrAdd(hash, found);
            }

            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var lead = body.RootElement;
            string? Text(string name) => lead.TryGetProperty(name, out var value) ? value.GetString() : null;
            var (name, email, message) = (Text("name"), Text("email"), Text("message"));
            if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(message))
            {
                return Results.BadRequest();
            }

            var id = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, BaselineRows.Lead, id, clientId, name, email, message,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email + "\n" + message))), now);
            await ExecuteAsync(connection, transaction, BaselineRows.CreatedAction, id, clientId, now);
            await ExecuteAsync(connection, transaction, BaselineRows.RequestLog, clientId, id, key[..Math.Min(8, key.Length)] + "…",
                http.Connection.RemoteIpAddress ?? IPAddress.Loopback, http.Request.Headers.UserAgent.ToString(), now);
            await ExecuteAsync(connection, transaction, BaselineRows.Job, "lead_enrichment", clientId, id, now);
            await ExecuteAsync(connection, transaction, BaselineRows.Job, "lead_auto_reply", clientId, id, now);
            await transaction.CommitAsync();
            return Results.Json(new { id, status = "created", receivedAt = now }, statusCode: 201);
        });
        await app.StartAsync();
        return new NaiveBaseline(app, database, new Uri($"http://127.0.0.1:{port}/api/lead"));
    }

    /// <summary>Closes the baseline's idle connections (the phases share PostgreSQL's <c>max_connections</c>).</summary>
    public void ClosePooledConnections() => database.Clear();

    /// <summary>Deletes what the baseline wrote (its leads and their rows, its jobs), so the database keeps only what Avenir wrote.</summary>
    public static async Task CleanUpAsync(NpgsqlDataSource owner, IReadOnlyCollection<Guid> leads)
    {
        await using var batch = owner.CreateBatch();
        foreach (var sql in BaselineRows.CleanUp)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = leads.ToArray() });
            batch.BatchCommands.Add(command);
        }

        batch.Timeout = 300;
        await batch.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value }
                : new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Avenir.Infrastructure.Database;

namespace Avenir.Silo.Tests.Intelligence.Ai;

/// <summary>A migrated database of its own per test class (V20/V21 seeds included) with owner-side helpers.</summary>
public sealed class AiDatabaseFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateMigratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs SQL as the owner (no row-level security) and returns the first column of the first row.</summary>
    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => OwnerSql.ScalarAsync(Database, sql, parameters);

    /// <summary>Adds a client row (prompt_performance.client_id references clients).</summary>
    public Task<Guid> CreateClientAsync() => OwnerSql.CreateClientAsync(Database, "AI");
}

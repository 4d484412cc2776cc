using Avenir.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Avenir.Silo.Tests.Database;

public sealed class MigrationTests
{
    /// <summary>The 26 tables the original system's documentation describes (it says 24).</summary>
    public static readonly string[] AvenirTables =
    [
        "clients", "lead_memory", "lead_actions", "lead_notes", "growth_brain", "feedback_tracking",
        "performance_metrics", "prompt_registry", "prompt_performance", "prompt_ab_tests", "prompt_evolution",
        "prospect_candidates", "prospect_outreach_log", "prospect_industry_performance", "prospect_form_tests",
        "outreach_campaigns", "outreach_emails", "outreach_tracking", "outreach_metrics", "email_templates",
        "translation_cache", "translation_dictionary", "queue_jobs", "integration_logs",
        "avenir_profile_embeddings", "intent_translations",
    ];

    private static readonly string[] OrleansTables =
    [
        "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
    ];

    [Fact]
    public async Task Migrating_an_empty_database_creates_all_26_tables_and_the_Orleans_tables()
    {
        var database = await TestDatabase.CreateMigratedAsync();

        var tables = await TablesAsync(database.OwnerConnectionString);

        Assert.Equal(26, AvenirTables.Length);
        Assert.All(AvenirTables, table => Assert.Contains(table, tables));
        Assert.All(OrleansTables, table => Assert.Contains(table, tables));
    }

    [Fact]
    public async Task Every_table_has_row_level_security_enabled_and_forced()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname = ANY($1) "
            + "AND relrowsecurity AND relforcerowsecurity",
            connection)
        {
            Parameters = { new() { Value = AvenirTables } },
        };
        var secured = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                secured.Add(reader.GetString(0));
            }
        }

        Assert.Equal(AvenirTables.Order(), secured.Order());
    }

    [Fact]
    public async Task Tenant_table_indexes_lead_with_client_id()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        // Every non-unique secondary index on a table with a client_id column must start with client_id.
        await using var command = new NpgsqlCommand(
            """
            SELECT i.relname
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_attribute first ON first.attrelid = t.oid AND first.attnum = x.indkey[0]
            WHERE t.relnamespace = 'public'::regnamespace
              AND NOT x.indisprimary AND NOT x.indisunique
              AND EXISTS (SELECT 1 FROM pg_attribute c WHERE c.attrelid = t.oid AND c.attname = 'client_id' AND NOT c.attisdropped)
              AND first.attname <> 'client_id'
            """,
            connection);
        var offenders = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                offenders.Add(reader.GetString(0));
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var before = await ChangelogCountAsync(database.OwnerConnectionString);

        await DatabaseMigrator.MigrateAsync(database, NullLogger.Instance);

        Assert.Equal(before, await ChangelogCountAsync(database.OwnerConnectionString));
        Assert.True(before >= 8, $"expected the Orleans and Avenir migrations in the changelog, found {before}");
    }

    [Fact]
    public async Task Two_silos_migrating_the_same_empty_database_at_once_both_succeed()
    {
        var database = await TestDatabase.CreateEmptyAsync();

        await Task.WhenAll(
            Task.Run(() => DatabaseMigrator.MigrateAsync(database, NullLogger.Instance)),
            Task.Run(() => DatabaseMigrator.MigrateAsync(database, NullLogger.Instance)));

        var tables = await TablesAsync(database.OwnerConnectionString);
        Assert.All(AvenirTables, table => Assert.Contains(table, tables));
    }

    [Fact]
    public async Task The_application_role_owns_nothing_and_is_no_superuser()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var connection = new NpgsqlConnection(database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user),
                   (SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user))
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.False(reader.GetBoolean(0));
        Assert.Equal(0, reader.GetInt64(1));
    }

    private static async Task<HashSet<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        var tables = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<long> ChangelogCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM changelog WHERE success", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// The application's door to PostgreSQL. Every transaction it opens declares who it acts for, so that
/// row-level security (forced on every tenant table) decides what the statement can see or write:
/// a client's own rows, or — for trusted server work, as the system role — every row.
/// </summary>
/// <remarks>
/// The data source must connect as the non-owner application role; as the owner or a superuser the
/// policies would not apply. <c>set_config(..., true)</c> is the parameterisable form of <c>SET LOCAL</c>:
/// the setting ends with the transaction, so a pooled connection never carries a tenant into its next use.
/// </remarks>
public sealed class TenantDatabase
{
    private readonly NpgsqlDataSource dataSource;

    public TenantDatabase(NpgsqlDataSource dataSource)
    {
        SqlMapping.Configure();
        this.dataSource = dataSource;
    }

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Opens a transaction that sees and writes only <paramref name="clientId"/>'s rows.</summary>
    public Task<TenantTransaction> BeginForClientAsync(Guid clientId, CancellationToken cancellationToken = default) =>
        BeginAsync(TenantScopeRows.ClientSetting, clientId.ToString(), cancellationToken);

    /// <summary>
    /// Opens a connection for a transaction that sees and writes only <paramref name="clientId"/>'s rows and
    /// is sent in as few round trips as possible (see <see cref="TenantPipeline"/>): nothing is sent yet.
    /// </summary>
    public async Task<TenantPipeline> BeginPipelineForClientAsync(Guid clientId, CancellationToken cancellationToken = default) =>
        new(await dataSource.OpenConnectionAsync(cancellationToken), TenantScopeRows.ClientSetting, clientId.ToString());

    /// <summary>Opens a transaction for trusted server work (job workers, the agency's admin API, seeding).</summary>
    public Task<TenantTransaction> BeginForSystemAsync(CancellationToken cancellationToken = default) =>
        BeginAsync(setting: null, value: null, cancellationToken);

    /// <summary>A transaction whose first statement declares its scope: a client's setting, or (no setting) the system role.</summary>
    private async Task<TenantTransaction> BeginAsync(string? setting, string? value, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var scope = setting is null ? TenantScopeRows.EnterSystemRole : TenantScopeRows.SetScope;
            await using (var command = new NpgsqlCommand(scope, connection, transaction))
            {
                if (setting is not null)
                {
                    command.Parameters.Add(new() { Value = setting });
                    command.Parameters.Add(new() { Value = value });
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new TenantTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

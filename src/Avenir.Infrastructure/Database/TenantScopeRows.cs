namespace Avenir.Infrastructure.Database;

/// <summary>
/// The statement that declares who a transaction acts for: <c>set_config(…, true)</c> is the parameterisable form of
/// <c>SET LOCAL</c>, so the setting ends with the transaction and a pooled connection never carries a tenant into its
/// next use. Positional ($1 the setting, $2 the value): it runs first in every transaction, before Dapper is involved.
/// </summary>
internal static class TenantScopeRows
{
    public const string SetScope = "SELECT set_config($1, $2, true)";

    /// <summary>The setting row-level security reads for a client's transaction (V12).</summary>
    public const string ClientSetting = "avenir.client_id";

    /// <summary>
    /// Trusted server work: the transaction takes the application role's system role (<c>{login role}_system</c>,
    /// V40) with <c>SET LOCAL ROLE</c> semantics. A setting any connection may write grants nothing; only members of the
    /// system role can enter it.
    /// </summary>
    public const string EnterSystemRole = "SELECT set_config('role', session_user || '_system', true)";
}

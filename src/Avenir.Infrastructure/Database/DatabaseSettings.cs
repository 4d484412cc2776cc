using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// The two ways Avenir connects to PostgreSQL. Migrations run as the owner (<c>ConnectionStrings:avenirdb</c>);
/// everything else runs as the application role, which owns nothing, so forced row-level security applies
/// to it. The application connection is <c>ConnectionStrings:avenirdb-app</c> when given, else the owner's
/// connection with the role's name and password (<c>Database:AppRole</c>, <c>Database:AppPassword</c>), the role
/// being created by the migrations. A process given only <c>avenirdb-app</c> (the API and the silos under the
/// AppHost, whose migrator alone holds the owner's) has no owner connection: <see cref="CanMigrate"/> is false.
/// </summary>
public sealed record DatabaseSettings(string OwnerConnectionString, string ApplicationConnectionString, string ApplicationRole, string? ApplicationPassword)
{
    public const string ConnectionName = "avenirdb";
    public const string DefaultApplicationRole = "avenir_app";

    public const string ApplicationConnectionName = ConnectionName + "-app";

    /// <summary>Whether the owner's connection is known, so this process may run the migrations.</summary>
    public bool CanMigrate => OwnerConnectionString.Length > 0;

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var owner = configuration.GetConnectionString(ConnectionName);
        var role = configuration["Database:AppRole"] ?? DefaultApplicationRole;
        var explicitApplication = configuration.GetConnectionString(ApplicationConnectionName);
        if (!string.IsNullOrWhiteSpace(explicitApplication))
        {
            // The password is kept when given, so a migrator can still set the role's login.
            return new DatabaseSettings(owner ?? "", ConnectionPoolBudget.Apply(explicitApplication, configuration), role,
                configuration["Database:AppPassword"] is { Length: > 0 } given ? given : null);
        }

        if (string.IsNullOrWhiteSpace(owner))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} (the owner's, to migrate) or ConnectionStrings:{ApplicationConnectionName} must be configured.");
        }

        var password = configuration["Database:AppPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException(
                $"Database:AppPassword (the password of the '{role}' role) or ConnectionStrings:{ConnectionName}-app must be configured.");
        }

        var application = new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = password };
        return new DatabaseSettings(owner, ConnectionPoolBudget.Apply(application.ConnectionString, configuration), role, password);
    }
}

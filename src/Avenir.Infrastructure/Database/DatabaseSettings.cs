using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// The two ways Avenir connects to PostgreSQL. Migrations run as the owner (<c>ConnectionStrings:avenirdb</c>);
/// everything else runs as the application role, which owns nothing, so forced row-level security applies
/// to it. The application connection is <c>ConnectionStrings:avenirdb-app</c> when given (a managed database
/// whose operator created the role), else the owner's connection with the role's name and password
/// (<c>Database:AppRole</c>, <c>Database:AppPassword</c>), the role being created by the migrations.
/// </summary>
public sealed record DatabaseSettings(string OwnerConnectionString, string ApplicationConnectionString, string ApplicationRole, string? ApplicationPassword)
{
    public const string ConnectionName = "avenirdb";
    public const string DefaultApplicationRole = "avenir_app";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var owner = configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        var role = configuration["Database:AppRole"] ?? DefaultApplicationRole;
        var explicitApplication = configuration.GetConnectionString(ConnectionName + "-app");
        if (!string.IsNullOrWhiteSpace(explicitApplication))
        {
            return new DatabaseSettings(owner, explicitApplication, role, ApplicationPassword: null);
        }

        var password = configuration["Database:AppPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException(
                $"Database:AppPassword (the password of the '{role}' role) or ConnectionStrings:{ConnectionName}-app must be configured.");
        }

        var application = new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = password };
        return new DatabaseSettings(owner, application.ConnectionString, role, password);
    }
}

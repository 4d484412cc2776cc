namespace Avenir.AppHost.Database;

/// <summary>
/// The database as the silos and the API see it: the migrator (the silo project's <c>migrate</c> command) alone gets the
/// owner's connection; everyone else gets <c>avenirdb-app</c>, the application role's, to which forced row-level
/// security applies, and starts once the migrator has completed.
/// </summary>
internal sealed record ApplicationDatabase(IResourceBuilder<IResourceWithConnectionString> Application, IResourceBuilder<ProjectResource> Migrator)
{
    /// <summary>The names <c>DatabaseSettings</c> reads (the AppHost does not reference the libraries).</summary>
    public const string ConnectionName = DatabaseResourceExtensions.ConnectionName + "-app";

    private const string ApplicationRole = "avenir_app";

    public static ApplicationDatabase Add(
        IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> owner, DevelopmentSeed seed)
    {
        var migrator = builder.AddProject<Projects.Avenir_Silo>("migrator", options => options.ExcludeLaunchProfile = true)
            .WithArgs("migrate")
            .WithEnvironment("Database__AppPassword", seed.AppDatabasePassword) // the migrator sets the role's login
            .WithReference(owner, DatabaseResourceExtensions.ConnectionName)
            .WaitFor(owner);
        // The owner's string with the role's name and password; later keys win in a connection string. The generated
        // password has no special characters, so it needs no quoting.
        var application = builder.AddConnectionString(ConnectionName, ReferenceExpression.Create(
            $"{owner.Resource.ConnectionStringExpression};Username={ApplicationRole};Password={seed.AppDatabasePassword.Resource}"));
        return new ApplicationDatabase(application, migrator);
    }
}

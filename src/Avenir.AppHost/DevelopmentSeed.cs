namespace Avenir.AppHost;

/// <summary>The parameters that seed a development stack: the demo client's key and password, and the admin's password.</summary>
internal sealed record DevelopmentSeed(
    IResourceBuilder<ParameterResource> DemoApiKey,
    IResourceBuilder<ParameterResource> AdminPassword,
    IResourceBuilder<ParameterResource> AppDatabasePassword,
    IResourceBuilder<ParameterResource> DemoPassword,
    IResourceBuilder<ParameterResource> TrackingKey);

internal static class DevelopmentSeedExtensions
{
    /// <summary>
    /// Reads <c>Parameters:demo-api-key</c>, <c>Parameters:demo-password</c> (the demo client's dashboard sign-in)
    /// and <c>Parameters:admin-password</c> (and the application role's
    /// database password); each is generated when not given and kept in the AppHost's user secrets, so a
    /// restart keeps the same values. They are shown in the Aspire dashboard (Parameters) and in the
    /// console when the stack starts.
    /// </summary>
    public static DevelopmentSeed AddDevelopmentSeedParameters(this IDistributedApplicationBuilder builder)
    {
        var demoKey = builder.AddParameter("demo-api-key",
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        var adminPassword = builder.AddParameter("admin-password",
            new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);
        var appDatabasePassword = builder.AddParameter("app-db-password",
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        var demoPassword = builder.AddParameter("demo-password",
            new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);

        // The key development tracking links (open, click, unsubscribe) are signed with: 44 base64-alphabet characters
        // decode to the 33 bytes TrackingKeyRing needs at least (32).
        var trackingKey = builder.AddParameter("outreach-tracking-key",
            new GenerateParameterDefault { MinLength = 44, Special = false }, secret: true, persist: true);

        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>(async (_, cancellationToken) =>
        {
            var key = await demoKey.Resource.GetValueAsync(cancellationToken);
            var password = await adminPassword.Resource.GetValueAsync(cancellationToken);
            var demoSignIn = await demoPassword.Resource.GetValueAsync(cancellationToken);
            Console.WriteLine();
            Console.WriteLine("  Avenir development seed");
            Console.WriteLine($"    demo client key : {key}");
            Console.WriteLine($"    demo sign-in    : demo@avenir.local / {demoSignIn}");
            Console.WriteLine($"    admin sign-in   : admin@avenir.local / {password}");
            Console.WriteLine("    (set them with --Parameters:demo-api-key=... --Parameters:demo-password=... --Parameters:admin-password=...)");
            Console.WriteLine();
        });

        return new DevelopmentSeed(demoKey, adminPassword, appDatabasePassword, demoPassword, trackingKey);
    }
}

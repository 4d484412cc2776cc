namespace Avenir.Silo.Prospects.Sources.Apollo;

/// <summary><c>Prospects:Apollo</c>: Apollo Organization Search (paid plans; a free plan's key is answered 403).</summary>
public sealed class ApolloOptions : SourceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Prospects:Apollo";

    /// <summary>The provider's address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.apollo.io/");

    /// <summary>Defaults: 50 requests a minute (Apollo's lower paid tiers).</summary>
    public ApolloOptions() => RequestsPerMinute = 50;
}

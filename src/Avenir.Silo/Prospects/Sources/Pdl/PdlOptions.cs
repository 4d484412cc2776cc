namespace Avenir.Silo.Prospects.Sources.Pdl;

/// <summary><c>Prospects:Pdl</c>: People Data Labs Company Search. Free plans allow 10 requests a minute; 1 credit per record returned.</summary>
public sealed class PdlOptions : SourceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Prospects:Pdl";

    /// <summary>The provider's address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.peopledatalabs.com/");

    /// <summary>Defaults: 10 requests a minute.</summary>
    public PdlOptions() => RequestsPerMinute = 10;
}

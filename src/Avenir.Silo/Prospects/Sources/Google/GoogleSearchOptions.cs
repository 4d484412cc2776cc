namespace Avenir.Silo.Prospects.Sources.Google;

/// <summary>
/// <c>Prospects:Google</c>: Google Programmable Search (Custom Search JSON API). Optional: the API is closed to
/// new customers and ends on 2027-01-01. Needs both <see cref="SourceOptions.ApiKey"/> and <see cref="Cx"/>.
/// 100 queries a day are free: the default credit limit is 100 per day.
/// </summary>
public sealed class GoogleSearchOptions : SourceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Prospects:Google";

    /// <summary>The provider's address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://www.googleapis.com/");

    /// <summary>Defaults: 100 queries a day, 60 a minute.</summary>
    public GoogleSearchOptions()
    {
        RequestsPerMinute = 60;
        CreditLimit = 100;
        CreditPeriod = "day";
    }

    /// <summary>The Programmable Search Engine id.</summary>
    public string? Cx { get; set; }

    /// <summary>Country the results are boosted for (<c>gl</c>).</summary>
    public string CountryCode { get; set; } = "ca";

    /// <summary>
    /// Hosts of directories, social networks and review sites: their pages are about many businesses, never one prospect.
    /// </summary>
    public IList<string> IgnoredDomains { get; } =
    [
        "facebook.com", "instagram.com", "linkedin.com", "yelp.ca", "yelp.com", "pagesjaunes.ca", "yellowpages.ca",
        "google.com", "tripadvisor.ca", "tripadvisor.com", "wikipedia.org", "youtube.com", "twitter.com", "x.com",
        "indeed.com", "kijiji.ca", "canada411.ca", "411.ca", "houzz.com", "ratemds.com",
    ];
}

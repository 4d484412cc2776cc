namespace Avenir.Grains.Prospects;

/// <summary>
/// The names of the places prospects come from, as stored in a prospect's source list, and how far each is
/// trusted for a company's facts when two disagree (see <see cref="ProspectMerge"/>).
/// </summary>
public static class ProspectSources
{
    /// <summary>A CSV list imported by the agency (its own research: trusted most).</summary>
    public const string Csv = "csv";

    /// <summary>People Data Labs Company Search.</summary>
    public const string PeopleDataLabs = "pdl";

    /// <summary>Apollo Organization Search.</summary>
    public const string Apollo = "apollo";

    /// <summary>Google Programmable Search (a web page's title and snippet: trusted least).</summary>
    public const string Google = "google";

    private static readonly string[] TrustOrder = [Csv, PeopleDataLabs, Apollo, Google];

    /// <summary>Lower is more trusted; unknown sources come last, in name order.</summary>
    public static int Rank(string source)
    {
        var index = Array.IndexOf(TrustOrder, source);
        return index < 0 ? TrustOrder.Length : index;
    }
}

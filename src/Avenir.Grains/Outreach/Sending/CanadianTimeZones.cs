namespace Avenir.Grains.Outreach.Sending;

/// <summary>
/// A recipient's zone when only the province is known (the prospect's own zone wins when recorded). Provinces that
/// span zones get the zone of most of their population (Ontario: Toronto; British Columbia: Vancouver; Nunavut: Iqaluit).
/// </summary>
public static class CanadianTimeZones
{
    private static readonly Dictionary<string, string> ByProvince = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AB"] = "America/Edmonton",
        ["BC"] = "America/Vancouver",
        ["MB"] = "America/Winnipeg",
        ["NB"] = "America/Moncton",
        ["NL"] = "America/St_Johns",
        ["NS"] = "America/Halifax",
        ["NT"] = "America/Yellowknife",
        ["NU"] = "America/Iqaluit",
        ["ON"] = "America/Toronto",
        ["PE"] = "America/Halifax",
        ["QC"] = "America/Toronto",
        ["SK"] = "America/Regina",
        ["YT"] = "America/Whitehorse",
    };

    /// <summary>The IANA id for a two-letter province or territory code, or <see langword="null"/>.</summary>
    public static string? IanaIdForProvince(string? provinceCode) =>
        provinceCode is not null && ByProvince.TryGetValue(provinceCode.Trim(), out var id) ? id : null;

    /// <summary>The recipient's zone: their recorded IANA id, else their province's, else <paramref name="fallback"/>.</summary>
    public static TimeZoneInfo Resolve(string? ianaId, string? provinceCode, TimeZoneInfo fallback) =>
        ZonedTime.Find(ianaId) ?? ZonedTime.Find(IanaIdForProvince(provinceCode)) ?? fallback;
}

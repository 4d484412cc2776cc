using System.Globalization;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Query strings: the parameters the API reads, with plausible values (a filter that must work) or hostile ones
/// (percent-escaped NUL and invalid UTF-8, values past their limits, repeats, no value, unknown names).
/// </summary>
public static class QueryStrings
{
    private static readonly string[] Names =
    [
        "page", "pageSize", "sort", "dir", "intent", "urgency", "tag", "language", "status", "from", "to", "q", "clientId", "erase", "days", "hours",
        "promptName", "key",
    ];

    private static readonly int[] Lengths = [51, 201, 2_000, 7_000];

    public static string Append(string path, Random random, FuzzWorld world, List<string> mutations)
    {
        var pairs = new List<string>();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var name = random.Chance(0.9) ? random.Pick(Names) : random.Pick(Nasty.PercentEncoded);
            if (random.Chance(0.5))
            {
                pairs.Add($"{name}={Plausible(name, random, world)}");
                continue;
            }

            var value = random.Next(5) switch
            {
                0 => new string('q', random.Pick(Lengths)),
                1 => "",
                _ => random.Pick(Nasty.PercentEncoded),
            };
            pairs.Add(random.Chance(0.1) ? name : $"{name}={value}");
            if (random.Chance(0.15))
            {
                pairs.Add($"{name}={Plausible(name, random, world)}"); // the same name twice
            }

            mutations.Add($"query {name} = '{Callers.Shorten(value)}'");
        }

        return path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', pairs);
    }

    private static string Plausible(string name, Random random, FuzzWorld world) => name switch
    {
        "page" => random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
        "pageSize" => random.Chance(0.5) ? "10" : "500",
        "sort" => "name",
        "dir" => "asc",
        "intent" => "spam",
        "urgency" => "High",
        "tag" => "vip",
        "language" => "fr",
        "status" => "all",
        "from" => "2026-01-01",
        "to" => "2026-02-01",
        "q" => "plomb%C3%A9",
        "clientId" => random.Chance(0.5) ? world.TargetClientId.ToString() : PlausibleValues.RandomGuid(random).ToString(),
        "erase" => "true",
        "days" => "30",
        "hours" => "24",
        "promptName" => "lead_enrichment",
        _ => "x",
    };
}

using System.Globalization;
using System.Text;

namespace Avenir.Testing;

/// <summary>Prospect CSV files at the original system's size (issue 11), for the import and list scale tests.</summary>
public static class TestProspects
{
    /// <summary>The original system's prospect count.</summary>
    public const int OriginalSystemRows = 34_823;

    private static readonly string[] Industries = ["dental", "legal", "restaurants", "construction", "accounting", "real estate", "fitness"];

    /// <summary>
    /// <paramref name="rows"/> rows, the last tenth repeating earlier companies with their website written another way
    /// (www., upper case, a path) and another detail, so each duplicate merges into its company.
    /// </summary>
    public static (byte[] Csv, int Companies) Generate(string prefix, int rows)
    {
        var duplicates = rows / 10;
        var companies = rows - duplicates;
        var csv = new StringBuilder("business_name,website,industry,employees,city,region,country,language\n", rows * 90);
        for (var i = 0; i < companies; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Company {i},https://{prefix}-{i}.ca/,{Industries[i % Industries.Length]},")
                .Append(CultureInfo.InvariantCulture, $"{1 + (i % 300)},Lévis,QC,CA,{(i % 2 == 0 ? "fr" : "en")}\n");
        }

        for (var i = 0; i < duplicates; i++)
        {
            var of = i * 7 % companies;
            csv.Append(CultureInfo.InvariantCulture, $"Company {of} inc,http://WWW.{prefix.ToUpperInvariant()}-{of}.CA/contact,")
                .Append(CultureInfo.InvariantCulture, $"{Industries[of % Industries.Length]},{1 + (of % 300)},Québec,QC,CA,\n");
        }

        return (Encoding.UTF8.GetBytes(csv.ToString()), companies);
    }
}

using System.Text;
using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.Import;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Prospects.Import;

public sealed class ProspectCsvImporterTests
{
    private readonly FakeTimeProvider time = new(TestClock.DefaultOrigin);

    [Fact]
    public async Task A_french_excel_export_with_bom_and_semicolons_imports_its_good_rows_and_reports_the_others_by_line()
    {
        var csv = """
            Entreprise;Site web;Secteur;Nombre d'employés;Ville;Province;Courriel;Langue
            Café Lévis;https://WWW.Café-Lévis.ca/contact/;Restauration;7;Lévis;QC;bonjour@cafe-levis.ca;Français
            Toitures Beauce;;Construction;11-50;Sainte-Marie;QC;;fr
            Garage Lamontagne;garagelamontagne.ca;Automobile;beaucoup;Lévis;QC;;fr
            Clinique Saint-Romuald;cliniquesaintromuald.ca;Santé;12;Lévis;QC;pas-un-courriel;fr
            Notaires Rive-Sud;notairesrive-sud.ca;Juridique;1 à 10;Lévis;QC;info@notairesrive-sud.ca;klingon
            Fleuriste Les Jardins;http://jardinsdelevis.ca;Commerce;3;Lévis;QC;;FR
            """;

        var import = await Import(csv, bom: true);

        Assert.Equal(';', import.Separator);
        Assert.Equal(6, import.RowsRead);
        Assert.Equal(["xn--caf-lvis-d1ac.ca", "jardinsdelevis.ca"], import.Records.Select(r => r.Domain.Value));
        var cafe = import.Records[0];
        Assert.Equal(ProspectSources.Csv, cafe.Source);
        Assert.Equal("Café Lévis", cafe.Name);
        Assert.Equal("restauration", cafe.Industry);
        Assert.Equal(7, cafe.EmployeeCount);
        Assert.Equal("fr", cafe.Language);
        Assert.Equal(TestClock.DefaultOrigin, cafe.SeenAt);
        Assert.Equal(
            [(3L, "Site web"), (4L, "Nombre d'employés"), (5L, "Courriel"), (6L, "Langue")],
            import.Errors.Select(e => (e.Line, e.Column!)));
    }

    [Fact]
    public async Task English_headers_with_commas_quotes_and_no_bom_map_the_same_fields()
    {
        var csv = "business_name,website,industry,employees,city,region,country,phone,contact_name,description\r\n" +
                  "\"Harbourview Law, LLP\",https://www.harbourviewlaw.ca/,Law Practice,11-50,Halifax,NS,Canada,902-555-0100,Tom Reid," +
                  "\"Tenancy, \"\"small claims\"\" and wills\"\r\n" +
                  "Northpeak Plumbing,northpeakplumbing.com,Plumbing,8,Kanata,ON,Canada,,,\r\n";

        var import = await Import(csv, bom: false);

        Assert.Equal(',', import.Separator);
        Assert.Empty(import.Errors);
        var law = import.Records[0];
        Assert.Equal("Harbourview Law, LLP", law.Name);
        Assert.Equal("harbourviewlaw.ca", law.Domain.Value);
        Assert.Null(law.EmployeeCount);
        Assert.Equal("11-50", law.SizeRange);
        Assert.Equal("Tom Reid", law.ContactName);
        Assert.Equal("Tenancy, \"small claims\" and wills", law.Description);
        Assert.Equal(8, import.Records[1].EmployeeCount);
    }

    [Fact]
    public async Task A_file_without_a_website_column_is_refused_at_line_1()
    {
        var import = await Import("nom;ville\nCafé;Lévis\n", bom: true);

        var error = Assert.Single(import.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("website", error.Message, StringComparison.Ordinal);
        Assert.Empty(import.Records);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_but_line_numbers_stay_those_of_the_file()
    {
        var import = await Import("website,name\nexample.ca,A\n\nnot a site,B\nexample2.ca,C\n", bom: false);

        Assert.Equal(["example.ca", "example2.ca"], import.Records.Select(r => r.Domain.Value));
        Assert.Equal(4, Assert.Single(import.Errors).Line);
    }

    [Theory]
    [InlineData("Nom de l’entreprise", ProspectCsvField.Name)]
    [InlineData("SITE_WEB", ProspectCsvField.Website)]
    [InlineData("Téléphone", ProspectCsvField.Phone)]
    [InlineData("courriel", ProspectCsvField.Email)]
    [InlineData("Company Size", ProspectCsvField.Employees)]
    [InlineData("Secteur d'activité", ProspectCsvField.Industry)]
    public void Headers_are_recognised_in_both_languages(string header, ProspectCsvField field)
    {
        Assert.Equal(field, ProspectCsvColumns.Recognise(header));
        Assert.Null(ProspectCsvColumns.Recognise("colonne inconnue"));
    }

    [Fact]
    public async Task Consent_columns_carry_where_and_when_an_address_was_published_and_are_refused_when_half_given_or_malformed()
    {
        var csv = """
            business_name,website,email,email_source_url,email_seen_at
            Toiture A,toiture-a.ca,info@toiture-a.ca,https://toiture-a.ca/contact,2026-10-14
            Toiture B,toiture-b.ca,info@toiture-b.ca,https://toiture-b.ca/contact,
            Toiture C,toiture-c.ca,info@toiture-c.ca,ftp://toiture-c.ca,2026-10-14
            Toiture D,toiture-d.ca,info@toiture-d.ca,https://toiture-d.ca/contact,2999-01-01
            Toiture E,toiture-e.ca,,https://toiture-e.ca/contact,2026-10-14
            Toiture F,toiture-f.ca,info@toiture-f.ca,,
            """;

        var import = await Import(csv, bom: false);

        Assert.Equal(["toiture-a.ca", "toiture-f.ca"], import.Records.Select(r => r.Domain.Value));
        Assert.Equal(("https://toiture-a.ca/contact", new DateTimeOffset(2026, 10, 14, 0, 0, 0, TimeSpan.Zero)),
            (import.Records[0].EmailSourceUrl, import.Records[0].EmailSeenAt!.Value));
        Assert.Equal((null, null), (import.Records[1].EmailSourceUrl, import.Records[1].EmailSeenAt));
        Assert.Equal([3L, 4L, 5L, 6L], import.Errors.Select(e => e.Line).Distinct());
    }

    private async Task<ProspectCsvImport> Import(string csv, bool bom)
    {
        var bytes = Encoding.UTF8.GetBytes(csv.ReplaceLineEndings("\n"));
        using var stream = new MemoryStream(bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        return await new ProspectCsvImporter(time).ImportAsync(stream, CancellationToken.None);
    }
}

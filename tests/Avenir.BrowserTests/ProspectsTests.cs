using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Avenir.BrowserTests.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Avenir.BrowserTests;

/// <summary>The agency's prospects pages (issue 11) in a real browser: import a CSV, read its report, filter, open a prospect.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProspectsTests(BrowserStack stack)
{
    [Fact]
    public async Task Admin_imports_a_csv_sees_the_refused_line_finds_the_prospect_and_reads_why_it_scores()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var csv = string.Join('\n',
            "entreprise;site_web;secteur;employés;ville;province;langue",
            $"Plomberie Lévis {marker};https://www.plomberie-{marker}.ca/contact;plumbing;4;Lévis;QC;fr",
            $"Sans site {marker};;plumbing;3;Québec;QC;fr",
            $"Toitures <b>{marker}</b>;toitures-{marker}.ca;roofing;25;Laval;QC;fr");
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);

        await page.Locator("[data-nav='prospects']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/admin/prospects$"));
        await page.Locator("#prospect-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "prospects.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.Locator("#prospect-import").ClickAsync();

        // The report counts the two good rows and names the refused one by its spreadsheet line (the header is line 1).
        var report = page.Locator("#prospect-import-report");
        await Expect(report.Locator("[data-count='imported']")).ToHaveTextAsync("2");
        await Expect(report.Locator("[data-count='rejected']")).ToHaveTextAsync("1");
        await Expect(page.Locator("#prospect-import-errors tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#prospect-import-errors tbody tr td").First).ToHaveTextAsync("3");
        await ScreenshotAsync(page, "20-prospects-import");

        // Filtered to the roofing industry: only the roofer, its markup-looking name shown as text.
        await page.Locator("#prospect-filter-industry").FillAsync("roofing");
        await page.Locator("#prospect-filter-apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("industry=roofing"));
        var roofer = page.Locator(".prospect-row", new() { HasText = $"toitures-{marker}.ca" });
        await Expect(roofer).ToBeVisibleAsync();
        await Expect(roofer.Locator(".prospect-name b")).ToHaveCountAsync(0);
        await Expect(page.Locator(".prospect-row", new() { HasText = $"plomberie-{marker}.ca" })).ToHaveCountAsync(0);

        // The plumber's detail: one prospect for its www/path variants, found by CSV, its score explained signal by signal.
        await page.Locator("#prospect-filter-industry").FillAsync("plumbing");
        await page.Locator("#prospect-filter-apply").ClickAsync();
        await page.Locator(".prospect-row", new() { HasText = $"plomberie-{marker}.ca" }).Locator(".prospect-name").ClickAsync();
        await Expect(page.Locator("#prospect-name")).ToHaveTextAsync($"Plomberie Lévis {marker}");
        await Expect(page.Locator("#prospect-website")).ToHaveTextAsync($"plomberie-{marker}.ca");
        await Expect(page.Locator("#prospect-sources [data-source='csv']")).ToBeVisibleAsync();
        await Expect(page.Locator("#prospect-score-explanation tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#prospect-score-explanation [data-signal='company_size']")).ToContainTextAsync("10 / 10");
        await Expect(page.Locator("#prospect-no-tests")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "21-prospect");

        // CASL: no basis yet, so nothing would be sent; the admin records the express consent the owner gave by email.
        await Expect(page.Locator("#prospect-no-consent")).ToBeVisibleAsync();
        await page.Locator("#consent-address").FillAsync($"info@plomberie-{marker}.ca");
        await page.Locator("#consent-method").SelectOptionAsync("email");
        await page.Locator("#consent-note").FillAsync("The owner asked for our offer by email on the day of the call.");
        await page.Locator("#consent-record").ClickAsync();
        await Expect(page.Locator("#prospect-consent-list li[data-kind='express_consent']")).ToContainTextAsync($"info@plomberie-{marker}.ca");
        await Expect(page.Locator("#prospect-no-consent")).ToHaveCountAsync(0);

        // In French.
        await page.Locator("#language-toggle").ClickAsync();
        await Expect(page.Locator("#prospect-back")).ToContainTextAsync("Tous les prospects");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_edits_the_ideal_customer_profile_and_sees_which_sources_are_configured()
    {
        var page = await stack.NewPageAsync();
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);
        await page.GotoAsync(new Uri(stack.BaseAddress, "#/admin/prospects").ToString());

        await page.Locator("#prospect-settings").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/admin/prospects/settings$"));
        await page.Locator("#icp-industries").FillAsync("Dental, plumbing, dental");
        await page.Locator("#icp-country").FillAsync("Canada");
        await page.Locator("#icp-region").FillAsync("QC");
        await page.Locator("#icp-languages").FillAsync("fr, en");
        await page.Locator("#icp-max").FillAsync("50");
        await page.Locator("#icp-save").ClickAsync();
        await Expect(page.Locator("#icp-saved")).ToContainTextAsync("Saved");

        // Read back after a reload: stored normalised (trimmed, lower case, duplicates dropped).
        await page.ReloadAsync();
        await Expect(page.Locator("#icp-industries")).ToHaveValueAsync("dental, plumbing");
        await Expect(page.Locator("#icp-max")).ToHaveValueAsync("50");

        // The browser stack configures no source key: all three are listed, none configured.
        await Expect(page.Locator("#sources-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#sources-table tr[data-configured='true']")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "22-prospect-settings");
        await page.Context.CloseAsync();
    }
}

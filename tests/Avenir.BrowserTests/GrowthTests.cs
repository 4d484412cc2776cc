using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Avenir.BrowserTests.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Avenir.BrowserTests;

/// <summary>The growth brain page and the internal prompt-test and performance pages, in a real browser against the whole stack.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GrowthTests(BrowserStack stack)
{
    [Fact]
    public async Task Client_sees_the_growth_brain_with_its_charts_refreshes_it_and_reads_it_in_French()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await stack.PostLeadAsync($"Marc Tremblay {suffix}", $"marc.{suffix}@example.ca",
            "Bonjour, pouvez-vous m'envoyer une soumission pour l'entretien de nos bureaux? C'est urgent, notre contrat actuel finit vendredi.");
        await stack.PostLeadAsync($"Jenny Walsh {suffix}", $"jenny.{suffix}@example.ca",
            "Hi, could we book a demo of your service next week? We are comparing three providers.");

        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.DemoEmail, BrowserStack.DemoPassword);
        await page.Locator("[data-nav='growth']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/growth$"));

        // The charts appear once leads are enriched (the job workers run beside the API); polling brings them in.
        await Expect(page.Locator("#chart-intents .bar-row").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#chart-urgency .bar-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("#chart-confidence .point")).ToHaveCountAsync(8);
        await Expect(page.Locator("#chart-languages .ratio-part")).ToHaveCountAsync(2);
        await Expect(page.Locator("#growth-insights li").First).ToBeVisibleAsync();

        // What the page shows is what the API answers (same session, same report), once every lead is enriched.
        var report = await SettledReportAsync(page);
        var total = report.GetProperty("totalLeads").GetInt32();
        Assert.True(total >= 2, $"the growth brain counts {total} leads after two were posted");
        await Expect(page.Locator("#kpi-total .kpi-value")).ToHaveTextAsync(new Regex($"^{total}$"));
        await Expect(page.Locator("#kpi-total .kpi-detail")).ToHaveTextAsync($"{total} analysed");
        var intents = report.GetProperty("topIntents").EnumerateArray().Select(item => item.GetProperty("count").GetInt32()).ToList();
        Assert.Equal(intents, await BarValuesAsync(page, "#chart-intents .bar-row"));
        await ScreenshotAsync(page, "10-growth");

        // Growth Copilot: a full recompute on demand.
        await page.Locator("#growth-refresh").ClickAsync();
        await Expect(page.Locator("#growth-analyzed")).ToContainTextAsync("full recompute");
        Assert.Equal(total, (await ReportAsync(page)).GetProperty("totalLeads").GetInt32());

        // French: the page and its insights.
        await page.Locator("#language-toggle").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cerveau de croissance");
        await Expect(page.Locator("#growth-insights")).ToHaveAttributeAsync("lang", "fr");
        var frenchInsight = report.GetProperty("insights").GetProperty("fr")[0].GetString()!;
        await Expect(page.Locator("#growth-insights li").First).ToHaveTextAsync(frenchInsight);
        await ScreenshotAsync(page, "11-growth-fr");
        await page.Locator("#language-toggle").ClickAsync();

        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_opens_the_prompt_tests_and_the_performance_pages()
    {
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);

        await page.Locator("[data-nav='prompts']").ClickAsync();
        await Expect(page.Locator("#prompt-tests-table, #prompt-tests-empty").First).ToBeVisibleAsync();
        await Expect(page.Locator("#prompt-variants-table")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "12-admin-prompts");

        // Requests made so far (sign-ins, this page's own polling) are aggregated in process and written in batches.
        await page.Locator("[data-nav='performance']").ClickAsync();
        await Expect(page.Locator("#performance-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "13-admin-performance");

        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    private static async Task<JsonElement> ReportAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("async () => await (await fetch('/api/dashboard/growth', { credentials: 'same-origin' })).text()");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>The report once every lead it counts is enriched (enrichment runs in the background), within a minute.</summary>
    private static async Task<JsonElement> SettledReportAsync(IPage page)
    {
        for (var attempt = 0; ; attempt++)
        {
            var report = await ReportAsync(page);
            if (report.GetProperty("enrichedLeads").GetInt32() == report.GetProperty("totalLeads").GetInt32() || attempt >= 60)
            {
                return report;
            }

            await page.WaitForTimeoutAsync(1000);
        }
    }

    private static async Task<List<int>> BarValuesAsync(IPage page, string selector) =>
        (await page.Locator(selector).EvaluateAllAsync<int[]>("rows => rows.map(row => Number(row.dataset.value))")).ToList();
}

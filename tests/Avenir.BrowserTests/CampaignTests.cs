using System.Text.RegularExpressions;
using static Avenir.BrowserTests.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Avenir.BrowserTests;

/// <summary>
/// The outreach campaign pages (issue 12) in a real browser, on the development campaign the AppHost seeds (three
/// prospects at example domains, approved and active, sent through the development mail server).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CampaignTests(BrowserStack stack)
{
    [Fact]
    public async Task Admin_finds_the_campaign_reads_its_live_metrics_and_mailbox_use_pauses_and_resumes_it()
    {
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);

        await page.Locator("[data-nav='campaigns']").ClickAsync();
        var row = page.Locator(".campaign-row", new() { HasText = "Demo campaign (development)" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("#mailboxes-table tr[data-mailbox-id='dev']")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "30-campaigns");

        await row.Locator(".campaign-name").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/admin/campaigns/[0-9a-f-]+$"));
        await Expect(page.Locator("#campaign-name")).ToContainTextAsync("Demo campaign (development)");
        await Expect(page.Locator("#campaign-metrics [data-metric]")).ToHaveCountAsync(7);
        await Expect(page.Locator("#campaign-metrics [data-metric='opened'] .help")).ToBeVisibleAsync(); // opens are weak signals
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Active");

        // The seeded emails were approved at start: nothing waits for review.
        await Expect(page.Locator("#campaign-queue-empty")).ToBeVisibleAsync();

        await page.Locator("[data-campaign-action='pause']").ClickAsync();
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Paused");
        await ScreenshotAsync(page, "31-campaign-paused");
        await page.Locator("[data-campaign-action='resume']").ClickAsync();
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Active");

        await page.Locator("#language-toggle").ClickAsync();
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#campaign-back")).ToContainTextAsync("Toutes les campagnes");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }
}

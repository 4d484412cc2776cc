using System.Text.RegularExpressions;
using Microsoft.Playwright;
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

    [Fact]
    public async Task Admin_writes_a_template_is_told_which_variable_is_undeclared_saves_it_and_previews_it_with_a_prospect()
    {
        var name = "Browser template " + Guid.NewGuid().ToString("N")[..8];
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);
        await page.GotoAsync(new Uri(stack.BaseAddress, "#/admin/campaigns").ToString());
        await page.Locator("#campaigns-templates").ClickAsync();

        await page.Locator("#template-name").FillAsync(name);
        await page.Locator("#template-subject").FillAsync("An idea for {{ business_name }}");
        await page.Locator("#template-variables").FillAsync("business_name*");
        await page.Locator("#template-html").FillAsync("<p>Hello {{ business_name }} in {{ city }},</p><p>{{ sender_name }}</p>");
        await page.Locator("#template-text").FillAsync("Hello {{ business_name }} in {{ city }}, {{ sender_name }}");
        await page.Locator("#template-save").ClickAsync();

        // city is used but not declared: the save is refused and the problem names it.
        await Expect(page.Locator("#template-problems [data-problem='city']")).ToHaveCountAsync(2); // in the HTML and in the text

        await page.Locator("#template-variables").FillAsync("business_name*, city, sender_name");
        await page.Locator("#template-save").ClickAsync();
        await Expect(page.Locator(".template-row", new() { HasText = name })).ToBeVisibleAsync();

        await page.Locator("#template-preview-button").ClickAsync();
        await Expect(page.Locator("#template-preview-subject")).ToHaveTextAsync(new Regex(@"^An idea for \S"));
        await Expect(page.Locator("#template-preview iframe.email-frame")).ToHaveAttributeAsync("sandbox", "");
        await ScreenshotAsync(page, "32-template-preview");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }
    [Fact]
    public async Task Admin_creates_a_campaign_with_an_ab_test_from_the_form_and_lands_on_its_draft()
    {
        var name = "Browser campaign " + Guid.NewGuid().ToString("N")[..8];
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);
        await page.GotoAsync(new Uri(stack.BaseAddress, "#/admin/campaigns").ToString());
        await page.Locator("#campaign-new").ClickAsync();

        await page.Locator("#campaign-form-name").FillAsync(name);
        await page.Locator("#campaign-form-industries").FillAsync("plumbing");
        await page.Locator("#campaign-form-template-en").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#campaign-form-ab-template-en").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#campaign-form-sender-name").FillAsync("Marc Tremblay");
        await page.Locator("#campaign-form-sender-address").FillAsync("marc@avenir-agence.ca");
        await page.Locator("#campaign-form-company").FillAsync("Avenir Agence");
        await page.Locator("#campaign-form-postal-address").FillAsync("1200 boul. René-Lévesque O., Montréal QC  H3B 4W8");

        // A follow-up schedule that is not business days is refused in the form, naming the field.
        await page.Locator("#campaign-form-follow-ups").FillAsync("3, next week");
        await page.Locator("#campaign-form-create").ClickAsync();
        await Expect(page.Locator("#campaign-form-problems [data-problem='followUpBusinessDays']")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "33-campaign-form");

        await page.Locator("#campaign-form-follow-ups").FillAsync("3, 7");
        await page.Locator("#campaign-form-create").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/admin/campaigns/[0-9a-f-]+$"));
        await Expect(page.Locator("#campaign-name")).ToContainTextAsync(name);
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Draft");
        await Expect(page.Locator("#campaign-timeline-empty")).ToBeVisibleAsync(); // nothing sent yet
        await Expect(page.Locator("#campaign-ab-tests [data-ab-language='en'][data-ab-outcome='insufficient_sample']")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "34-campaign-draft");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }
}

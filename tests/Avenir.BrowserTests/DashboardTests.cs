using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Avenir.BrowserTests.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Avenir.BrowserTests;

/// <summary>The client dashboard in a real browser, against the whole stack.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserStack stack)
{
    [Fact]
    public async Task Client_signs_in_sees_a_new_lead_arrive_without_reload_works_it_switches_to_French_and_signs_out()
    {
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);

        await SignInAsync(page, BrowserStack.DemoEmail, BrowserStack.DemoPassword, screenshot: "01-sign-in");
        await Expect(page.Locator("#leads-table, #leads-empty").First).ToBeVisibleAsync();

        // A page load would reset this marker: the lead must arrive through polling.
        await page.EvaluateAsync("() => { window.__avenirNoReload = true; }");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"Sophie Gagnon {suffix}";
        const string message = "Hello, we need an urgent quote for a full dental cleaning for our family of four this Saturday. Are you available?";
        var leadId = await stack.PostLeadAsync(name, $"sophie.{suffix}@example.ca", message);

        var row = page.Locator($"tr[data-lead-id='{leadId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator(".lead-name")).ToHaveTextAsync(name);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__avenirNoReload === true"), "the page reloaded to show the new lead");
        await ScreenshotAsync(page, "02-leads");

        // Lead detail.
        await row.Locator(".lead-name").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/leads/{leadId}$"));
        await Expect(page.Locator("#lead-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#lead-message")).ToHaveTextAsync(message);

        // Tag it Hot Lead.
        await page.Locator("[data-tag='Hot Lead']").ClickAsync();
        await Expect(page.Locator("#lead-tag")).ToHaveTextAsync("Hot Lead");
        await Expect(page.Locator("[data-tag='Hot Lead']")).ToHaveAttributeAsync("aria-pressed", "true");

        // Add a note (its markup-looking text stays text).
        var note = $"Called back <b>{suffix}</b>, booked Saturday 10:00.";
        await page.Locator("#note-text").FillAsync(note);
        await page.Locator("#note-add").ClickAsync();
        await Expect(page.Locator(".note .note-text")).ToHaveTextAsync(note);
        await Expect(page.Locator(".note .note-text b")).ToHaveCountAsync(0);

        // Archive, then bring it back.
        await page.Locator("[data-action='archive']").ClickAsync();
        await Expect(page.Locator(".head-badges .badge.archived")).ToBeVisibleAsync();
        await page.Locator("[data-action='unarchive']").ClickAsync();
        await Expect(page.Locator(".head-badges .badge.archived")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-action='archive']")).ToBeVisibleAsync();

        // Delete (confirmed in the page's own dialog), then restore.
        await page.Locator("[data-action='delete']").ClickAsync();
        await page.Locator("#dialog-confirm").ClickAsync();
        await Expect(page.Locator(".head-badges .badge.deleted")).ToBeVisibleAsync();
        await page.Locator("[data-action='restore']").ClickAsync();
        await Expect(page.Locator(".head-badges .badge.deleted")).ToHaveCountAsync(0);
        await Expect(page.Locator("#lead-actions li")).Not.ToHaveCountAsync(0);
        await ScreenshotAsync(page, "03-lead-detail");

        // The other pages render.
        await page.Locator("[data-nav='activity']").ClickAsync();
        await Expect(page.Locator("#activity-table")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "04-activity");
        await page.Locator("[data-nav='settings']").ClickAsync();
        await Expect(page.Locator("#settings-form")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "05-settings");

        // French: the interface switches at once and the choice survives a reload.
        await page.Locator("#language-toggle").ClickAsync();
        await Expect(page.Locator("#sign-out")).ToHaveTextAsync("Se déconnecter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Paramètres");
        await page.Locator("[data-nav='leads']").ClickAsync();
        await Expect(page.Locator("#leads-count")).ToContainTextAsync("leads");
        await Expect(page.Locator("th").First).ToHaveTextAsync("Nom");
        await ScreenshotAsync(page, "06-leads-fr");
        await page.Locator($"tr[data-lead-id='{leadId}'] .lead-name").ClickAsync();
        await Expect(page.Locator("#lead-message")).ToHaveTextAsync(message);
        await page.ReloadAsync();
        await Expect(page.Locator(".back")).ToContainTextAsync("Retour aux leads");
        await Expect(page.Locator("#lead-tag")).ToHaveTextAsync("Lead chaud");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr-CA");
        await ScreenshotAsync(page, "07-lead-detail-fr");

        // Sign out: back on the sign-in page (in French) and the session is gone.
        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#signin-email")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion");
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/auth/me')).status");
        Assert.Equal(401, status);

        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Html_in_a_lead_is_shown_as_text_and_never_runs()
    {
        const string message = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        // The name carries a probe that would set a flag if it were ever parsed as HTML.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"<img src=x onerror=window.__avenirXss=1>Probe {suffix}";
        var leadId = await stack.PostLeadAsync(name, $"probe.{suffix}@example.ca", message);

        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.DemoEmail, BrowserStack.DemoPassword);

        var row = page.Locator($"tr[data-lead-id='{leadId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator(".lead-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#leads-table img, #leads-table script")).ToHaveCountAsync(0);

        await row.Locator(".lead-name").ClickAsync();
        await Expect(page.Locator("#lead-message")).ToHaveTextAsync(message);
        await Expect(page.Locator("#lead-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#view img, #view script")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "08-html-as-text");

        Assert.Null(await page.EvaluateAsync<int?>("() => window.__avenirXss ?? null"));
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_sees_the_clients_with_their_health()
    {
        await stack.PostLeadAsync("Health Check", "health@example.ca", "Do you take new patients this month?");
        var page = await stack.NewPageAsync();
        var dialogs = WatchDialogs(page);
        await SignInAsync(page, BrowserStack.AdminEmail, BrowserStack.AdminPassword);

        await page.Locator("[data-nav='admin']").ClickAsync();
        var demo = page.Locator("#clients-table tbody tr", new() { HasText = BrowserStack.DemoEmail });
        await Expect(demo).ToBeVisibleAsync();
        await Expect(demo.Locator(".health")).ToHaveClassAsync(new Regex(@"\bok\b"));
        await ScreenshotAsync(page, "09-admin-clients");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_inbox_and_the_lead_fit_the_screen()
    {
        var leadId = await stack.PostLeadAsync(
            "Marc Tremblay", "marc@example.ca", "Bonjour, j'aimerais prendre rendez-vous pour un nettoyage la semaine prochaine.");
        var page = await stack.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await SignInAsync(page, BrowserStack.DemoEmail, BrowserStack.DemoPassword, screenshot: "10-phone-sign-in");

        await Expect(page.Locator($"tr[data-lead-id='{leadId}']")).ToBeVisibleAsync();
        Assert.False(await HasHorizontalScrollAsync(page), "the lead inbox scrolls sideways on a phone");
        await ScreenshotAsync(page, "11-phone-leads");

        await page.Locator($"tr[data-lead-id='{leadId}'] .lead-name").ClickAsync();
        await Expect(page.Locator("#lead-message")).ToBeVisibleAsync();
        Assert.False(await HasHorizontalScrollAsync(page), "the lead page scrolls sideways on a phone");
        await ScreenshotAsync(page, "12-phone-lead");

        // The menu folds away on a phone and opens on demand.
        await Expect(page.Locator("[data-nav='settings']")).ToBeHiddenAsync();
        await page.Locator(".menu-toggle").ClickAsync();
        await Expect(page.Locator("[data-nav='settings']")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

using System.Text.RegularExpressions;
using static Avenir.BrowserTests.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Avenir.BrowserTests;

/// <summary>
/// The inbox pages by keyset in the received order (issue 13): Next follows the API's nextCursor, Previous walks back,
/// and a page stays put while new leads arrive on top of the list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadPagingTests(BrowserStack stack)
{
    [Fact]
    public async Task Next_and_previous_page_by_cursor_and_a_new_lead_does_not_shift_the_second_page()
    {
        var marker = "pg" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        for (var i = 0; i < 27; i++)
        {
            ids.Add(await stack.PostLeadAsync($"Paging {marker} {i:00}", $"paging.{marker}.{i}@example.ca",
                $"Hello, could you send me a quote for new windows? Reference {marker}-{i:00}."));
        }

        var page = await stack.NewPageAsync();
        await SignInAsync(page, BrowserStack.DemoEmail, BrowserStack.DemoPassword);
        await page.GotoAsync(new Uri(stack.BaseAddress, $"#/leads?q={marker}").ToString());
        var rows = page.Locator("#leads-table tbody tr.lead-row");
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(page.Locator($"tr[data-lead-id='{ids[^1]}']")).ToBeVisibleAsync(); // newest first

        await page.Locator("#leads-next").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("cursor="));
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator($"tr[data-lead-id='{ids[0]}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-lead-id='{ids[1]}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#leads-next")).ToBeDisabledAsync();

        // A new lead lands on page 1; page 2, loaded again from its URL, keeps its two leads (by offset it would now
        // show three: everything shifts down by one).
        var newest = await stack.PostLeadAsync($"Paging {marker} new", $"paging.{marker}.new@example.ca",
            $"Hello, a quote for a door please. Reference {marker}-new.");
        await page.ReloadAsync();
        await Expect(page.Locator($"tr[data-lead-id='{ids[0]}']")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(2);

        await page.Locator("#leads-previous").ClickAsync();
        await Expect(page.Locator($"tr[data-lead-id='{newest}']")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(page).Not.ToHaveURLAsync(new Regex("cursor="));
    }
}

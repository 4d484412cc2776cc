using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Avenir.BrowserTests;

/// <summary>Steps every browser test takes: sign in, watch for dialogs, take screenshots.</summary>
public static class BrowserSteps
{
    public static async Task SignInAsync(IPage page, string email, string password, string? screenshot = null)
    {
        await page.GotoAsync("/");
        await Expect(page.Locator("#signin-email")).ToBeVisibleAsync();
        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await page.Locator("#signin-email").FillAsync(email);
        await page.Locator("#signin-password").FillAsync(password);
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
    }

    public static Task<bool> HasHorizontalScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    /// <summary>Any alert/confirm/prompt is recorded (and dismissed): the dashboard never opens one, and lead HTML must not.</summary>
    public static List<string> WatchDialogs(IPage page)
    {
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
        return dialogs;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserStack.ScreenshotDirectory, $"{name}.png"), FullPage = true });
}

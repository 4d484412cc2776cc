using Avenir.Grains.Outreach.Tracking;

namespace Avenir.Silo.Tests.Outreach;

public sealed class LinkScannerSignalsTests
{
    private static readonly DateTimeOffset Sent = TestClock.DefaultOrigin;
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    [Theory]
    [InlineData(null, "no_user_agent")]
    [InlineData("  ", "no_user_agent")]
    [InlineData("Mimecast-URL-Protect/1.0", "scanner_user_agent")]
    [InlineData("Mozilla/5.0 (compatible; Barracuda Sentinel)", "scanner_user_agent")]
    [InlineData("python-requests/2.32.3", "scanner_user_agent")]
    [InlineData("Go-http-client/1.1", "scanner_user_agent")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36", "scanner_user_agent")]
    public void Hits_without_a_browser_are_scanners_whenever_they_come(string? agent, string reason) =>
        Assert.Equal(reason, LinkScannerSignals.Reason(agent, Sent, Sent.AddHours(5)));

    [Fact]
    public void A_browser_within_a_minute_of_the_send_is_a_scanner_and_after_it_a_person()
    {
        Assert.Equal("too_soon_after_sending", LinkScannerSignals.Reason(Firefox, Sent, Sent.AddSeconds(8)));
        Assert.Equal("too_soon_after_sending", LinkScannerSignals.Reason(Firefox, Sent, Sent + LinkScannerSignals.HumanDelay - TimeSpan.FromTicks(1)));
        Assert.Null(LinkScannerSignals.Reason(Firefox, Sent, Sent + LinkScannerSignals.HumanDelay));
        Assert.Null(LinkScannerSignals.Reason("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", Sent,
            Sent.AddDays(2)));
    }
}

using System.Net;
using Avenir.Api.Outreach;
using Avenir.Contracts.Outreach;
using Avenir.Grains.Outreach.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Api.Tests.Outreach;

/// <summary>
/// The public tracking endpoints over real HTTP, a real cluster and PostgreSQL: valid tokens record, tampered, expired,
/// foreign-key and wrong-purpose tokens are refused with a 404 problem, a click goes only where its email linked,
/// GET /u/ changes nothing and the one-click POST suppresses at once, cancels the follow-up and is idempotent.
/// </summary>
[Collection(OutreachApiCollection.Name)]
public sealed class OutreachTrackingTests(OutreachApiFixture fixture)
{
    private static FormUrlEncodedContent OneClick => new([new("List-Unsubscribe", "One-Click")]);

    [Fact]
    public void The_routes_are_the_paths_the_silo_writes_into_emails()
    {
        Assert.Equal(TrackingUrls.OpenPath, OutreachTrackingApi.OpenPrefix + "/");
        Assert.Equal(TrackingUrls.ClickPath, OutreachTrackingApi.ClickPrefix + "/");
        Assert.Equal(TrackingUrls.UnsubscribePath, OutreachTrackingApi.UnsubscribePrefix + "/");
    }

    [Fact]
    public async Task A_valid_open_token_records_one_weak_open_and_a_tampered_one_records_nothing_both_get_the_pixel()
    {
        var email = await fixture.SentEmailAsync();
        var token = Silo().CreateOpen(email.EmailId);

        var tampered = await fixture.Http.GetAsync(OutreachTrackingApi.OpenPrefix + "/" + Tamper(token));
        await AssertPixelAsync(tampered);
        Assert.Equal(0, await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Opened));

        await AssertPixelAsync(await fixture.Http.GetAsync(OutreachTrackingApi.OpenPrefix + "/" + token));
        await AssertPixelAsync(await fixture.Http.GetAsync(OutreachTrackingApi.OpenPrefix + "/" + token));

        Assert.Equal(1, (await email.Campaign.GetMetricsAsync()).Opened); // per email: opened twice is one open
        Assert.True(await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Opened) >= 1);
        Assert.Equal(true, await fixture.ScalarAsync(
            "SELECT bool_and((metadata->>'weakSignal')::boolean) FROM outreach_tracking WHERE email_id = $1 AND action = 'opened'", email.EmailId));
    }

    [Fact]
    public async Task Expired_open_and_click_tokens_are_refused()
    {
        var email = await fixture.SentEmailAsync();
        // Signed with the silo's key 400 days ago: past both the open (90 d) and the click (365 d) lifetime.
        var past = Silo(new FakeTimeProvider(fixture.Clock.GetUtcNow() - TimeSpan.FromDays(400)));

        await AssertPixelAsync(await fixture.Http.GetAsync(OutreachTrackingApi.OpenPrefix + "/" + past.CreateOpen(email.EmailId)));
        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + past.CreateClick(email.EmailId, 0)));

        Assert.Equal(0, await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Opened));
        Assert.Equal(0, await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Clicked));
        Assert.Equal(0, (await email.Campaign.GetMetricsAsync()).Opened);
    }

    [Fact]
    public async Task A_click_redirects_only_to_the_url_recorded_in_its_email()
    {
        var email = await fixture.SentEmailAsync();
        var tokens = Silo();

        // A validly signed token for a link index the email does not have, and a URL offered by the request: neither is followed.
        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + tokens.CreateClick(email.EmailId, 1)));
        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(
            OutreachTrackingApi.ClickPrefix + "/" + Tamper(tokens.CreateClick(email.EmailId, 0)) + "?url=https://evil.example/"));
        Assert.Equal(0, await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Clicked));

        fixture.Clock.Advance(TimeSpan.FromMinutes(5)); // a person reads the email, then clicks
        var click = await BrowserGetAsync(
            OutreachTrackingApi.ClickPrefix + "/" + tokens.CreateClick(email.EmailId, 0) + "?url=https://evil.example/&redirect=https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal(new Uri(OutreachApiFixture.CaseStudyUrl), click.Headers.Location);
        Assert.Equal(1, (await email.Campaign.GetMetricsAsync()).Clicked);
        Assert.Equal(1, (await email.Campaign.GetMetricsAsync()).Opened); // a click proves the open
    }

    [Fact]
    public async Task Link_scanners_are_redirected_but_count_as_no_click_and_no_open()
    {
        var email = await fixture.SentEmailAsync();
        var path = OutreachTrackingApi.ClickPrefix + "/" + Silo().CreateClick(email.EmailId, 0);

        // At delivery: a gateway with its own name, one with no user agent, and one posing as a browser within seconds.
        using var gateway = new HttpRequestMessage(HttpMethod.Get, path);
        gateway.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (compatible; Proofpoint URL Defense)");
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Http.SendAsync(gateway)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserGetAsync(path)).StatusCode);

        var metrics = await email.Campaign.GetMetricsAsync();
        Assert.Equal((0, 0), (metrics.Clicked, metrics.Opened));
        Assert.Equal(3L, await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Clicked)); // kept, marked
        Assert.Equal(3L, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach_tracking WHERE email_id = $1 AND action = 'clicked' AND (metadata->>'suspectedScanner')::boolean", email.EmailId));
        Assert.Null(await fixture.ScalarAsync("SELECT clicked_at FROM outreach_emails WHERE id = $1", email.EmailId));
    }

    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private async Task<HttpResponseMessage> BrowserGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        return await fixture.Http.SendAsync(request);
    }

    [Fact]
    public async Task Tokens_of_another_key_or_another_purpose_are_refused()
    {
        var email = await fixture.SentEmailAsync();
        var foreign = Silo(secret: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokens = Silo();

        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + foreign.CreateClick(email.EmailId, 0)));
        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + tokens.CreateOpen(email.EmailId)));
        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(
            OutreachTrackingApi.UnsubscribePrefix + "/" + foreign.CreateUnsubscribe(email.EmailId, email.ProspectId)));
        await AssertNotFoundProblemAsync(await fixture.Http.PostAsync(
            OutreachTrackingApi.UnsubscribePrefix + "/" + foreign.CreateUnsubscribe(email.EmailId, email.ProspectId), OneClick));
        await AssertNotFoundProblemAsync(await fixture.Http.PostAsync(
            OutreachTrackingApi.UnsubscribePrefix + "/" + Tamper(tokens.CreateUnsubscribe(email.EmailId, email.ProspectId)), OneClick));
        await AssertNotFoundProblemAsync(await fixture.Http.PostAsync(
            OutreachTrackingApi.UnsubscribePrefix + "/" + tokens.CreateClick(email.EmailId, 0), OneClick));

        Assert.Equal(0, await fixture.SuppressionsAsync(email.ProspectId));
        Assert.Equal(OutreachEmailStatuses.Approved, await fixture.EmailStatusAsync(email.FollowUpId));
        Assert.Equal(0, (await email.Campaign.GetMetricsAsync()).Clicked);
    }

    [Fact]
    public async Task A_one_click_unsubscribe_cancels_what_every_other_campaign_had_approved_for_them_at_once()
    {
        var email = await fixture.SentEmailAsync();
        var industry = (string)(await fixture.ScalarAsync("SELECT industry FROM prospect_candidates WHERE id = $1", email.ProspectId))!;
        var template = (Guid)(await fixture.ScalarAsync("SELECT template_id FROM outreach_emails WHERE id = $1", email.EmailId))!;
        var (other, _) = await fixture.ApprovedCampaignAsync(industry, template, email.ProspectId);
        var otherFirst = await fixture.EmailIdAsync(other, email.ProspectId, 1);
        Assert.Equal(OutreachEmailStatuses.Approved, await fixture.EmailStatusAsync(otherFirst));

        var answer = await fixture.Http.PostAsync(
            OutreachTrackingApi.UnsubscribePrefix + "/" + Silo().CreateUnsubscribe(email.EmailId, email.ProspectId), OneClick);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        // No send pass has run: the other campaign's grain cancelled its sequence when the unsubscribe was recorded.
        Assert.Equal(OutreachEmailStatuses.Cancelled, await fixture.EmailStatusAsync(otherFirst));
        Assert.Equal(OutreachEmailStatuses.Cancelled, await fixture.EmailStatusAsync(await fixture.EmailIdAsync(other, email.ProspectId, 2)));
        Assert.Equal("suppressed: unsubscribed", await fixture.ScalarAsync("SELECT last_error FROM outreach_emails WHERE id = $1", otherFirst));
    }

    [Fact]
    public async Task The_unsubscribe_page_asks_with_one_button_under_a_strict_csp_and_never_unsubscribes_by_itself()
    {
        var email = await fixture.SentEmailAsync();
        var path = OutreachTrackingApi.UnsubscribePrefix + "/" + Silo().CreateUnsubscribe(email.EmailId, email.ProspectId);

        for (var scanner = 0; scanner < 3; scanner++)
        {
            var page = await fixture.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
            Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", html, StringComparison.Ordinal);
            Assert.Contains("Unsubscribe", html, StringComparison.Ordinal);
            Assert.Contains("Désabonnement", html, StringComparison.Ordinal);
        }

        Assert.Equal(0, await fixture.SuppressionsAsync(email.ProspectId));
        Assert.Equal(OutreachEmailStatuses.Approved, await fixture.EmailStatusAsync(email.FollowUpId));
        Assert.Equal(0, (await email.Campaign.GetMetricsAsync()).Unsubscribed);
        Assert.Equal(false, await fixture.ScalarAsync("SELECT do_not_contact FROM prospect_candidates WHERE id = $1", email.ProspectId));
    }

    [Fact]
    public async Task A_one_click_post_unsubscribes_at_once_cancels_the_follow_up_and_a_second_post_changes_nothing()
    {
        var email = await fixture.SentEmailAsync();
        var path = OutreachTrackingApi.UnsubscribePrefix + "/" + Silo().CreateUnsubscribe(email.EmailId, email.ProspectId);

        // As a mail client sends it (RFC 8058): no cookie, no session, no CSRF token; the token authenticates.
        var first = await fixture.Http.PostAsync(path, OneClick);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(await fixture.SuppressionsAsync(email.ProspectId) >= 1);
        Assert.Equal(OutreachEmailStatuses.Cancelled, await fixture.EmailStatusAsync(email.FollowUpId));
        Assert.Equal(1, (await email.Campaign.GetMetricsAsync()).Unsubscribed);
        Assert.Equal(true, await fixture.ScalarAsync("SELECT do_not_contact FROM prospect_candidates WHERE id = $1", email.ProspectId));
        var suppressions = await fixture.SuppressionsAsync(email.ProspectId);

        var again = await fixture.Http.PostAsync(path, OneClick);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await email.Campaign.GetMetricsAsync()).Unsubscribed);
        Assert.Equal(1, await fixture.TrackingEventsAsync(email.EmailId, OutreachActions.Unsubscribed));
        Assert.Equal(suppressions, await fixture.SuppressionsAsync(email.ProspectId));

        // The follow-up is not sendable any more, and the page now says it is done.
        Assert.Null((await email.Campaign.PrepareSendAsync(email.FollowUpId)).Ticket);
        var page = await (await fixture.Http.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("You are unsubscribed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_button_and_a_multipart_one_click_post_unsubscribe_too_and_the_event_says_where_it_came_from()
    {
        var fromPage = await fixture.SentEmailAsync();
        var fromClient = await fixture.SentEmailAsync();
        var tokens = Silo();

        // What the page's form sends (its hidden fields), and what a mail client may send instead (RFC 8058 allows multipart).
        var page = await fixture.Http.PostAsync(OutreachTrackingApi.UnsubscribePrefix + "/" + tokens.CreateUnsubscribe(fromPage.EmailId, fromPage.ProspectId),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click"), new(UnsubscribePage.SourceField, UnsubscribePage.PageSource)]));
        using var multipart = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        var client = await fixture.Http.PostAsync(
            OutreachTrackingApi.UnsubscribePrefix + "/" + tokens.CreateUnsubscribe(fromClient.EmailId, fromClient.ProspectId), multipart);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Contains("Vous êtes désabonné", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("page", await SourceAsync(fromPage.EmailId));
        Assert.Equal("one_click", await SourceAsync(fromClient.EmailId));
        Assert.Equal(OutreachEmailStatuses.Cancelled, await fixture.EmailStatusAsync(fromClient.FollowUpId));
    }

    private async Task<string?> SourceAsync(Guid emailId) =>
        (string?)await fixture.ScalarAsync("SELECT metadata->>'source' FROM outreach_tracking WHERE email_id = $1 AND action = 'unsubscribed'", emailId);

    [Fact]
    public async Task A_post_without_the_one_click_body_is_a_400_problem_and_unsubscribes_no_one()
    {
        var email = await fixture.SentEmailAsync();
        var path = OutreachTrackingApi.UnsubscribePrefix + "/" + Silo().CreateUnsubscribe(email.EmailId, email.ProspectId);

        var empty = await fixture.Http.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "yes")]));
        var json = await fixture.Http.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(empty, HttpStatusCode.BadRequest);
        await AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await fixture.SuppressionsAsync(email.ProspectId));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("AAAA")]
    [InlineData("not-a-token-at-all_but_base64url_shaped_0123456789abcdefghij")]
    [InlineData("%00")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%E2%80%AE%F0%9F%98%80")]
    [InlineData("AQEB%ff%fe")]
    public async Task Garbage_to_the_public_endpoints_gets_4xx_problems_or_the_pixel_never_5xx(string garbage)
    {
        var answers = new[]
        {
            await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + garbage),
            await fixture.Http.GetAsync(OutreachTrackingApi.UnsubscribePrefix + "/" + garbage),
            await fixture.Http.PostAsync(OutreachTrackingApi.UnsubscribePrefix + "/" + garbage, OneClick),
            await fixture.Http.PostAsync(OutreachTrackingApi.UnsubscribePrefix + "/" + garbage,
                new StringContent("--b\r\nbroken", System.Text.Encoding.UTF8, "multipart/form-data")),
        };
        foreach (var answer in answers)
        {
            Assert.InRange((int)answer.StatusCode, 400, 499);
            if (garbage == "%00")
            {
                await AssertKestrelRefusalAsync(answer); // a NUL in the path: Kestrel refuses it before any application code runs
                continue;
            }

            Assert.True(answer.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri}: {(int)answer.StatusCode} {answer.Content.Headers.ContentType}");
        }

        if (garbage != "%00")
        {
            await AssertPixelAsync(await fixture.Http.GetAsync(OutreachTrackingApi.OpenPrefix + "/" + garbage));
        }

        await AssertNotFoundProblemAsync(await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + new string('A', 4000)));
    }

    [Fact]
    public async Task The_tracking_endpoints_are_limited_per_ip_with_a_429_problem()
    {
        var browser = fixture.NewBrowser();
        var limit = new TrackingEndpointOptions().PermitsPerIpPerMinute;
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(OutreachTrackingApi.ClickPrefix + "/x")).StatusCode);
        }

        var refused = await browser.GetAsync(OutreachTrackingApi.ClickPrefix + "/x");
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        // Another address is not affected.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.NewBrowser().GetAsync(OutreachTrackingApi.ClickPrefix + "/x")).StatusCode);
    }

    private TrackingTokens Silo(TimeProvider? clock = null, byte[]? secret = null) => fixture.TokensAt(clock ?? fixture.Clock, secret);

    /// <summary>The token with one character of its signed body changed (never the last, whose low bits base64 may ignore).</summary>
    private static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static async Task AssertPixelAsync(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("image/gif", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TrackingPixel.Gif.ToArray(), await answer.Content.ReadAsByteArrayAsync());
        Assert.True(answer.Headers.CacheControl?.NoStore);
    }

    /// <summary>Kestrel answered alone (as the fuzz suite tells it): no application middleware ran, no body.</summary>
    private static async Task AssertKestrelRefusalAsync(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(answer.Headers.Contains("X-Frame-Options"));
        Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
    }

    private static Task AssertNotFoundProblemAsync(HttpResponseMessage answer) => AssertProblemAsync(answer, HttpStatusCode.NotFound);

    private static async Task AssertProblemAsync(HttpResponseMessage answer, HttpStatusCode status)
    {
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Contains($"\"status\":{(int)status}", body, StringComparison.Ordinal);
    }
}

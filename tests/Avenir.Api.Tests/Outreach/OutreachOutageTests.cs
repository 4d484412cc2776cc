using System.Net;
using Avenir.Api.Outreach;
using Avenir.Api.Tests.Dashboard;

namespace Avenir.Api.Tests.Outreach;

/// <summary>
/// PostgreSQL stops taking connections: the public tracking endpoints answer 503 with Retry-After, as the rest of the
/// API does, never a 500 nor a 200 that did not commit; once it is back the same one-click unsubscribe succeeds.
/// </summary>
[Collection(OutreachOutageCollection.Name)]
public sealed class OutreachOutageTests(OutreachApiFixture fixture)
{
    [Fact]
    public async Task While_PostgreSQL_refuses_connections_tracking_answers_503_and_the_unsubscribe_is_taken_once_it_is_back()
    {
        var email = await fixture.SentEmailAsync();
        var tokens = fixture.TokensAt(fixture.Clock);
        var unsubscribe = OutreachTrackingApi.UnsubscribePrefix + "/" + tokens.CreateUnsubscribe(email.EmailId, email.ProspectId);
        FormUrlEncodedContent OneClick() => new([new("List-Unsubscribe", "One-Click")]);

        await ConnectionGate.SetAllowedAsync(fixture.Database, false);
        try
        {
            var answers = new[]
            {
                await fixture.Http.PostAsync(unsubscribe, OneClick()),
                await fixture.Http.GetAsync(unsubscribe),
                await fixture.Http.GetAsync(OutreachTrackingApi.ClickPrefix + "/" + tokens.CreateClick(email.EmailId, 0)),
                await fixture.Http.GetAsync(OutreachTrackingApi.OpenPrefix + "/" + tokens.CreateOpen(email.EmailId)),
            };
            foreach (var answer in answers)
            {
                await Problems.AssertAsync(answer, HttpStatusCode.ServiceUnavailable, "unavailable");
                Assert.Equal(TimeSpan.FromSeconds(5), answer.Headers.RetryAfter?.Delta);
            }
        }
        finally
        {
            await ConnectionGate.SetAllowedAsync(fixture.Database, true);
        }

        Assert.Equal(0, await fixture.SuppressionsAsync(email.ProspectId));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PostAsync(unsubscribe, OneClick())).StatusCode);
        Assert.True(await fixture.SuppressionsAsync(email.ProspectId) >= 1);
    }
}

/// <summary>Its own API, silo and database: the outage (and the broken pooled connections it leaves) must not reach the other tests.</summary>
[CollectionDefinition(Name)]
public sealed class OutreachOutageCollection : ICollectionFixture<OutreachApiFixture>
{
    public const string Name = "outreach API whose PostgreSQL goes away";
}

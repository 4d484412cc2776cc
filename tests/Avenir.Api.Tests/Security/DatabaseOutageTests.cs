using System.Net;
using System.Net.Http.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;

namespace Avenir.Api.Tests.Security;

/// <summary>
/// PostgreSQL stops taking connections (its open ones are cut): every surface answers 503 with Retry-After and a
/// problem that does not claim nothing was stored, never a 500; when it is back, the same requests succeed.
/// </summary>
[Collection(DatabaseOutageCollection.Name)]
public sealed class DatabaseOutageTests(ApiFixture fixture)
{
    [Fact]
    public async Task While_PostgreSQL_refuses_connections_intake_dashboard_and_sign_in_answer_503_with_retry_after()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);
        Assert.Equal(HttpStatusCode.Created, await PostLeadAsync(account, "before"));

        await ConnectionGate.SetAllowedAsync(fixture.Database, false);
        try
        {
            var intake = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "during the outage"), account.ApiKey));
            var dashboard = await session.GetAsync("/api/dashboard/leads");
            using var browser = fixture.NewBrowser();
            var signIn = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = ApiFixture.UserPassword });

            foreach (var response in new[] { intake, dashboard, signIn })
            {
                var problem = await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                Assert.Equal("PostgreSQL", problem.GetProperty("dependency").GetString());
                Assert.DoesNotContain("nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await ConnectionGate.SetAllowedAsync(fixture.Database, true);
        }

        Assert.Equal(HttpStatusCode.Created, await PostLeadAsync(account, "after"));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/dashboard/leads")).StatusCode);
    }

    private async Task<HttpStatusCode> PostLeadAsync(DashboardUserAccount account, string message) =>
        (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: message), account.ApiKey))).StatusCode;
}

/// <summary>Its own API, silo and database: the outage must not reach the other tests.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseOutageCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API whose PostgreSQL goes away";
}

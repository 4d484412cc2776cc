using System.Net;
using System.Text;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;

namespace Avenir.Api.Tests.Prospects;

/// <summary>
/// <c>POST /api/admin/prospects/{id}/consent</c> (CASL consent evidence, issue 12 item 7) over real HTTP: recorded through
/// the prospect's grain, shown in the prospect's detail, and refused with a 400 problem naming the field.
/// </summary>
[Collection(ProspectApiCollection.Name)]
public sealed class ProspectConsentApiTests(ProspectApiFixture fixture)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private async Task<DashboardSession> AdminAsync() => await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

    /// <summary>A prospect imported through the CSV endpoint; its id and address.</summary>
    private static async Task<(Guid Id, string Address)> ProspectAsync(DashboardSession admin)
    {
        var domain = $"toiture-{Unique()}.ca";
        var industry = "roofing-" + Unique();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/prospects/import")
        {
            Content = new StringContent($"business_name,website,industry,email\nToiture,{domain},{industry},info@{domain}\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("X-CSRF-Token", admin.CsrfToken);
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.SendAsync(request)).StatusCode);
        var page = await admin.GetJsonAsync($"/api/admin/prospects?industry={industry}");
        return (Assert.Single(page.GetProperty("items").EnumerateArray().ToList()).GetProperty("id").GetGuid(), $"info@{domain}");
    }

    [Fact]
    public async Task Recorded_evidence_is_201_and_shown_in_the_prospects_detail_with_the_admin_as_recorder()
    {
        using var admin = await AdminAsync();
        var (id, address) = await ProspectAsync(admin);
        var seen = fixture.Clock.GetUtcNow().AddDays(-2);

        var response = await admin.PostAsync($"/api/admin/prospects/{id}/consent", new
        {
            kind = "conspicuous_publication", emailAddress = address.ToUpperInvariant(), sourceUrl = $"https://{address.Split('@')[1]}/contact",
            seenAt = seen, note = "Lead-response automation offer to the roofing company's published contact address",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var detail = await admin.GetJsonAsync($"/api/admin/prospects/{id}");
        var consent = Assert.Single(detail.GetProperty("consent").EnumerateArray().ToList());
        Assert.Equal("conspicuous_publication", consent.GetProperty("kind").GetString());
        Assert.Equal(address, consent.GetProperty("emailAddress").GetString()); // stored lower-case: consent is per address
        Assert.Equal($"https://{address.Split('@')[1]}/contact", consent.GetProperty("sourceUrl").GetString());
        Assert.Equal(admin.Account.Email, consent.GetProperty("recordedBy").GetString());
        Assert.False(consent.GetProperty("pageRefusesUnsolicitedEmail").GetBoolean());
        Assert.Equal(JsonValueKind.Null, consent.GetProperty("method").ValueKind);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"emailAddress":"a@b.ca","seenAt":"2026-01-01T00:00:00Z","note":"n"}""", "kind" },
        { """{"kind":"consent_by_vibes","emailAddress":"a@b.ca","seenAt":"2026-01-01T00:00:00Z","note":"n"}""", "kind" },
        { """{"kind":"conspicuous_publication","emailAddress":"a@b.ca","seenAt":"2026-01-01T00:00:00Z","note":"relevant"}""", "sourceUrl" },
        { """{"kind":"conspicuous_publication","emailAddress":"a@b.ca","sourceUrl":"ftp://b.ca/x","seenAt":"2026-01-01T00:00:00Z","note":"n"}""",
            "sourceUrl" },
        { """{"kind":"express_consent","emailAddress":"a@b.ca","seenAt":"2026-01-01T00:00:00Z","method":"telepathy","note":"form #1"}""", "method" },
        { """{"kind":"express_consent","emailAddress":"not an address","seenAt":"2026-01-01T00:00:00Z","method":"email","note":"yes"}""",
            "emailAddress" },
        { """{"kind":"express_consent","emailAddress":"a@b.ca","seenAt":"2999-01-01T00:00:00Z","method":"email","note":"yes"}""", "seenAt" },
        { """{"kind":"express_consent","emailAddress":"a@b.ca","method":"email","note":"yes"}""", "seenAt" },
        { """{"kind":"express_consent","emailAddress":"a@b.ca","seenAt":"2026-01-01T00:00:00Z","method":"email","note":"  "}""", "note" },
        { """{"kind":"express_consent","emailAddress":"\"a@b\"@c.ca","seenAt":"2026-01-01T00:00:00Z","method":"email","note":"yes"}""",
            "emailAddress" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_evidence_is_a_400_problem_naming_the_field_and_nothing_is_recorded(string body, string field)
    {
        using var admin = await AdminAsync();
        var (id, _) = await ProspectAsync(admin);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/prospects/{id}/consent")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-Token", admin.CsrfToken);

        var response = await admin.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names {field}: {problem}");
        Assert.Equal(0, (await admin.GetJsonAsync($"/api/admin/prospects/{id}")).GetProperty("consent").GetArrayLength());
    }

    [Fact]
    public async Task A_csv_row_that_says_where_and_when_its_address_was_published_records_a_publication_basis_once()
    {
        using var admin = await AdminAsync();
        var (published, bare) = ($"plomberie-{Unique()}.ca", $"plomberie-{Unique()}.ca");
        var industry = "plumbing-" + Unique();
        var csv = "business_name,website,industry,email,email_source_url,email_seen_at\n"
            + $"Plomberie A,{published},{industry},info@{published},https://{published}/nous-joindre,2026-10-14\n"
            + $"Plomberie B,{bare},{industry},info@{bare},,\n";
        for (var run = 0; run < 2; run++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/prospects/import")
            {
                Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            };
            request.Headers.Add("X-CSRF-Token", admin.CsrfToken);
            Assert.Equal(HttpStatusCode.OK, (await admin.Browser.SendAsync(request)).StatusCode);
        }

        var items = (await admin.GetJsonAsync($"/api/admin/prospects?industry={industry}")).GetProperty("items").EnumerateArray().ToList();
        var consentOf = new Dictionary<string, JsonElement>();
        foreach (var item in items)
        {
            consentOf[item.GetProperty("domain").GetString()!] =
                (await admin.GetJsonAsync($"/api/admin/prospects/{item.GetProperty("id").GetGuid()}")).GetProperty("consent");
        }

        var basis = Assert.Single(consentOf[published].EnumerateArray().ToList()); // imported twice, recorded once
        Assert.Equal(("conspicuous_publication", $"https://{published}/nous-joindre", "csv import"),
            (basis.GetProperty("kind").GetString(), basis.GetProperty("sourceUrl").GetString(), basis.GetProperty("recordedBy").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 0, 0, 0, TimeSpan.Zero), basis.GetProperty("seenAt").GetDateTimeOffset());
        Assert.Equal(0, consentOf[bare].GetArrayLength()); // no page, no date: nothing invented
    }

    [Fact]
    public async Task Evidence_for_an_unknown_prospect_is_404()
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsync($"/api/admin/prospects/{Guid.NewGuid()}/consent", new
        {
            kind = "express_consent", emailAddress = "a@b.ca", seenAt = fixture.Clock.GetUtcNow().AddDays(-1), method = "oral", note = "Call of Monday",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

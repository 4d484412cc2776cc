using System.Net;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Api.Tests.Dashboard;

/// <summary>
/// Client A's session asking for anything of client B's — by B's lead id or B's note id — is answered 404
/// exactly like an id that does not exist (not 403, which would confirm it exists), and changes nothing.
/// Below the API, the same tables read with A's tenant set show none of B's rows even when asked for B's.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(ApiFixture fixture) : IAsyncLifetime
{
    private DashboardUserAccount a = null!;
    private DashboardUserAccount b = null!;
    private DashboardSession sessionA = null!;
    private Guid leadOfA;
    private Guid leadOfB;
    private Guid noteOfA;
    private Guid noteOfB;

    public async Task InitializeAsync()
    {
        a = await fixture.RegisterUserAsync(businessName: "Tenant A");
        b = await fixture.RegisterUserAsync(businessName: "Tenant B");
        sessionA = await DashboardSession.SignInAsync(fixture, a);
        using var sessionB = await DashboardSession.SignInAsync(fixture, b);
        leadOfA = await DashboardSession.CreateLeadAsync(fixture, a.ClientId, name: "Lead of A");
        leadOfB = await DashboardSession.CreateLeadAsync(fixture, b.ClientId, name: "Lead of B", message: "Secret message of tenant B");
        noteOfA = await NoteIdAsync(sessionA, leadOfA);
        noteOfB = await NoteIdAsync(sessionB, leadOfB);
        await sessionB.PostAsync($"/api/dashboard/leads/{leadOfB}/convert");
    }

    private static async Task<Guid> NoteIdAsync(DashboardSession session, Guid leadId)
    {
        var response = await session.PostAsync($"/api/dashboard/leads/{leadId}/notes", new { text = "private note" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content))
            .GetProperty("id").GetGuid();
    }

    public Task DisposeAsync()
    {
        sessionA.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string, string> LeadEndpoints() => new()
    {
        { "GET", "" },
        { "GET", "/notes" },
        { "POST", "/tag" },
        { "POST", "/archive" },
        { "POST", "/unarchive" },
        { "POST", "/delete" },
        { "POST", "/restore" },
        { "POST", "/reactivate" },
        { "POST", "/convert" },
        { "POST", "/revert-conversion" },
        { "POST", "/notes" },
    };

    [Theory]
    [MemberData(nameof(LeadEndpoints))]
    public async Task Another_clients_lead_is_not_found(string method, string suffix)
    {
        var response = await sessionA.SendAsync(new HttpMethod(method), $"/api/dashboard/leads/{leadOfB}{suffix}",
            method == "GET" ? null : new { tag = "Stolen", reason = "Stolen", text = "Stolen" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain("Secret", problem.GetRawText(), StringComparison.Ordinal);
        await AssertLeadOfBUntouchedAsync();
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Another_clients_note_is_not_found_on_its_lead_or_on_ones_own_lead(string method)
    {
        var onTheirLead = await sessionA.SendAsync(new HttpMethod(method), $"/api/dashboard/leads/{leadOfB}/notes/{noteOfB}", new { text = "Stolen" });
        var onOwnLead = await sessionA.SendAsync(new HttpMethod(method), $"/api/dashboard/leads/{leadOfA}/notes/{noteOfB}", new { text = "Stolen" });

        await Problems.AssertAsync(onTheirLead, HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(onOwnLead, HttpStatusCode.NotFound, "not_found");
        await AssertLeadOfBUntouchedAsync();
    }

    [Fact]
    public async Task Erasing_another_clients_lead_is_not_found_even_for_its_lead_id()
    {
        // Only an admin may erase; a non-admin asking is refused before any lookup (403 says nothing about the lead).
        var response = await sessionA.SendAsync(HttpMethod.Delete, $"/api/dashboard/leads/{leadOfB}?erase=true");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertLeadOfBUntouchedAsync();
    }

    [Fact]
    public async Task Lists_activity_export_and_stats_show_only_ones_own_rows()
    {
        var list = await sessionA.GetJsonAsync("/api/dashboard/leads?status=all&q=Lead%20of");
        var activity = await sessionA.GetJsonAsync("/api/dashboard/activity?pageSize=100");
        var csv = await (await sessionA.GetAsync("/api/dashboard/leads/export.csv?status=all")).Content.ReadAsStringAsync();
        var stats = await sessionA.GetJsonAsync("/api/dashboard/stats");

        Assert.Equal([leadOfA], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.All(activity.GetProperty("items").EnumerateArray(), item => Assert.Equal(leadOfA, item.GetProperty("leadId").GetGuid()));
        Assert.DoesNotContain(leadOfB.ToString(), csv, StringComparison.Ordinal);
        Assert.Equal(1, stats.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_non_admin_naming_another_client_is_forbidden()
    {
        var response = await sessionA.GetAsync($"/api/dashboard/leads?clientId={b.ClientId}");

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("SELECT count(*) FROM lead_memory WHERE client_id = $1")]
    [InlineData("SELECT count(*) FROM lead_memory WHERE id = $2")]
    [InlineData("SELECT count(*) FROM lead_notes WHERE client_id = $1 OR lead_id = $2")]
    [InlineData("SELECT count(*) FROM lead_actions WHERE client_id = $1 OR lead_id = $2")]
    [InlineData("SELECT count(*) FROM feedback_tracking WHERE client_id = $1 OR lead_id = $2")]
    [InlineData("SELECT count(*) FROM clients WHERE client_id = $1")]
    public async Task With_tenant_A_set_the_database_returns_none_of_Bs_rows_even_when_asked_for_them(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);
        var database = new TenantDatabase(dataSource);
        await using var asA = await database.BeginForClientAsync(a.ClientId);
        var countAsA = await asA.ExecuteScalarAsync<long>(
            sql.Replace("$1", "@client", StringComparison.Ordinal).Replace("$2", "@lead", StringComparison.Ordinal),
            new { client = b.ClientId, lead = leadOfB });

        var countAsOwner = await Rows.CountAsync(fixture.Database.OwnerConnectionString, sql, b.ClientId, leadOfB);

        Assert.Equal(0, countAsA);
        Assert.True(countAsOwner > 0, "the rows exist: only row-level security hides them");
    }

    private async Task AssertLeadOfBUntouchedAsync()
    {
        var db = fixture.Database.OwnerConnectionString;
        Assert.Equal(1, await Rows.CountAsync(db,
            "SELECT count(*) FROM lead_memory WHERE id = $1 AND NOT archived AND NOT deleted AND converted_at IS NOT NULL AND current_tag = 'Converted'",
            leadOfB));
        Assert.Equal(1, await Rows.CountAsync(
            db, "SELECT count(*) FROM lead_notes WHERE lead_id = $1 AND deleted_at IS NULL AND note = 'private note'", leadOfB));
        Assert.Equal(0, await Rows.CountAsync(db, "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND performed_by = $2", leadOfB, a.Email));
        Assert.Equal(0, await Rows.CountAsync(db, "SELECT count(*) FROM lead_notes WHERE client_id = $1 AND note = 'Stolen'", a.ClientId));
    }
}

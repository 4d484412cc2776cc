using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Auth;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;
using Avenir.Contracts.Clients;
using Avenir.Contracts.Leads;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>A signed-in dashboard session as the fuzz sends it by hand: its cookie header, its CSRF token, and ids it may aim at.</summary>
public sealed record FuzzSession(
    DashboardUserAccount Account, string Cookie, string CsrfToken, IReadOnlyList<Guid> LeadIds, IReadOnlyList<(Guid LeadId, Guid NoteId)> Notes);

/// <summary>A client whose keys lead posts use: the ledger counts its rows.</summary>
public sealed record IntakeClient(Guid ClientId, string ApiKey, string FormKey);

/// <summary>
/// What exists before the first fuzz request: a client user and an admin, signed in, with leads and notes to aim at;
/// the clients lead posts are made for; a client the admin endpoints may act on (never one of the sessions' own
/// accounts: a password or role change there would end the session for the rest of the run); the prompt variants.
/// </summary>
public sealed class FuzzWorld
{
    public const string AllowedOrigin = "https://fuzz-site.example.com";

    public required FuzzSession Client { get; init; }

    public required FuzzSession Admin { get; init; }

    public required IReadOnlyList<IntakeClient> IntakeClients { get; init; }

    /// <summary>A client admin endpoints may change (password, role, keys).</summary>
    public required Guid TargetClientId { get; init; }

    public required IReadOnlyList<string> VariantIds { get; init; }

    /// <summary>A lead of the first intake client, stored before the run, for read-backs with its secret key to find.</summary>
    public required Guid ReadBackLeadId { get; init; }

    public FuzzSession SessionOf(FuzzCaller caller) => caller == FuzzCaller.Admin ? Admin : Client;

    public static async Task<FuzzWorld> ArrangeAsync(ApiFixture fixture)
    {
        var intake = new List<IntakeClient>();
        for (var i = 0; i < 3; i++)
        {
            var (clientId, apiKey, profile) = await fixture.RegisterClientAsync([AllowedOrigin]);
            intake.Add(new IntakeClient(clientId, apiKey, profile.FormKey));

            // A thank-you page, so that a plain form post is answered 303 as on a real site.
            await fixture.Grains.GetGrain<IClientGrain>(clientId).UpdateSettingsAsync(new ClientSettings
            {
                Language = profile.Language,
                EmailTone = profile.EmailTone,
                AiPersonalizedReply = profile.AiPersonalizedReply,
                BookingLink = profile.BookingLink,
                AllowedOrigins = [AllowedOrigin],
                ThankYouUrl = AllowedOrigin + "/merci",
            });
        }

        var (targetClientId, _, _) = await fixture.RegisterClientAsync();
        using var stored = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), intake[0].ApiKey));
        var readBackLeadId = (await stored.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var variants = (string?)await OwnerSql.ScalarAsync(fixture.Database, "SELECT string_agg(variant_id, ',' ORDER BY variant_id) FROM prompt_registry");
        return new FuzzWorld
        {
            Client = await SignInAsync(fixture, await fixture.RegisterUserAsync(businessName: "Fuzz Plomberie")),
            Admin = await SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true, businessName: "Fuzz Agency")),
            IntakeClients = intake,
            TargetClientId = targetClientId,
            VariantIds = variants?.Split(',') ?? [],
            ReadBackLeadId = readBackLeadId,
        };
    }

    /// <summary>Signs in without a cookie jar: the fuzz writes the Cookie header itself, so a fuzzed logout cannot end the run's session.</summary>
    private static async Task<FuzzSession> SignInAsync(ApiFixture fixture, DashboardUserAccount account)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = fixture.Http.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", ApiFixture.NewVisitorAddress());
        using var response = await http.PostAsJsonAsync(AuthApi.LoginPath, new { email = account.Email, password = ApiFixture.UserPassword });
        response.EnsureSuccessStatusCode();
        var csrf = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));

        var leads = new List<Guid>();
        var notes = new List<(Guid, Guid)>();
        for (var i = 0; i < 4; i++)
        {
            var leadId = await DashboardSession.CreateLeadAsync(
                fixture, account.ClientId, email: $"fuzz-target-{i}@example.com", message: $"A lead for the fuzz to aim at, number {i}.");
            leads.Add(leadId);
            if (await fixture.Grains.GetLeadGrain(account.ClientId, leadId).AddNoteAsync($"Fuzz note {i}", account.Email) is { Note: { } note })
            {
                notes.Add((leadId, note.Id));
            }
        }

        return new FuzzSession(account, cookie, csrf, leads, notes);
    }
}

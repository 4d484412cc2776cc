using Avenir.Contracts.Clients;
using Avenir.Contracts.Leads;
using Avenir.Silo.Tests.Infrastructure;

namespace Avenir.Silo.Tests.Grains;

/// <summary>
/// The limits that bound what a form key can make Avenir send (docs/security.md): per recipient across all clients,
/// per recipient per client, and per client, counted from reservations under advisory locks.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AutoReplyLimitTests(ClusterFixture fixture)
{
    private static readonly AutoReplyLimits Defaults = new();

    [Fact]
    public async Task One_address_gets_one_reply_a_day_from_one_client_however_many_leads_it_sends()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var victim = $"victim-{Guid.NewGuid():N}@example.com";

        var first = await ReserveAsync(clientId, victim);
        var second = await ReserveAsync(clientId, victim);

        Assert.Equal(AutoReplyReservationOutcome.Reserved, first.Outcome);
        Assert.Equal((AutoReplyReservationOutcome.Withheld, AutoReplyReasons.RecipientLimit), (second.Outcome, second.Reason));
        Assert.Equal((LeadProcessingStatuses.AutoReplyWithheld, AutoReplyReasons.RecipientLimit),
            (second.State!.AutoReplyStatus, second.State.AutoReplyReason));
    }

    [Fact]
    public async Task One_address_gets_at_most_two_replies_an_hour_from_all_clients_together()
    {
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        var outcomes = new List<AutoReplyReservation>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await ReserveAsync(await TestClients.RegisterAsync(fixture.Grains, $"Client {i}"), victim));
        }

        Assert.Equal(Defaults.PerRecipientPerHour, outcomes.Count(o => o.Outcome == AutoReplyReservationOutcome.Reserved));
        Assert.All(outcomes.Skip(Defaults.PerRecipientPerHour), o => Assert.Equal(AutoReplyReasons.RecipientLimit, o.Reason));
    }

    [Fact]
    public async Task Concurrent_reservations_for_one_address_never_pass_its_limit()
    {
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        var clients = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await TestClients.RegisterAsync(fixture.Grains, $"Concurrent {i}"));
        }

        var leads = await Task.WhenAll(clients.Select(c => SubmitAsync(c, victim)));
        var outcomes = await Task.WhenAll(leads.Select(l => fixture.Grains.GetLeadGrain(l.ClientId, l.LeadId)
            .ReserveAutoReplyAsync($"{Guid.NewGuid():N}@avenir.test", Defaults)));

        Assert.Equal(Defaults.PerRecipientPerHour, outcomes.Count(o => o.Outcome == AutoReplyReservationOutcome.Reserved));
    }

    [Fact]
    public async Task Reaching_the_clients_hourly_limit_pauses_its_replies_until_it_resumes_them()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var limits = new AutoReplyLimits { PerClientPerHour = 2 };

        var outcomes = new List<AutoReplyReservation>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await ReserveAsync(clientId, $"lead-{Guid.NewGuid():N}@example.com", limits));
        }

        Assert.Equal([AutoReplyReservationOutcome.Reserved, AutoReplyReservationOutcome.Reserved, AutoReplyReservationOutcome.Withheld],
            outcomes.Select(o => o.Outcome));
        Assert.Equal(AutoReplyReasons.ClientLimit, outcomes[2].Reason);
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var paused = (await client.GetProfileAsync())!;
        Assert.NotNull(paused.AutoReplyPausedAt);
        Assert.Equal(AutoReplyReasons.ClientLimit, paused.AutoReplyPauseReason);

        var resumed = (await client.ResumeAutoRepliesAsync())!;

        Assert.Null(resumed.AutoReplyPausedAt);
        // The hour's count starts again from the resume: the client chose to go on.
        Assert.Equal(AutoReplyReservationOutcome.Reserved, (await ReserveAsync(clientId, $"lead-{Guid.NewGuid():N}@example.com", limits)).Outcome);
    }

    [Fact]
    public async Task A_released_reservation_no_longer_counts_and_the_lead_can_be_reserved_again()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        var (_, leadId) = await SubmitAsync(clientId, victim);
        var grain = fixture.Grains.GetLeadGrain(clientId, leadId);

        Assert.Equal(AutoReplyReservationOutcome.Reserved, (await grain.ReserveAutoReplyAsync("first@avenir.test", Defaults)).Outcome);
        Assert.True(await grain.ReleaseAutoReplyAsync("first@avenir.test"));

        var again = await grain.ReserveAutoReplyAsync("second@avenir.test", Defaults);
        Assert.Equal((AutoReplyReservationOutcome.Reserved, "second@avenir.test"), (again.Outcome, again.State!.AutoReplyMessageId));
    }

    private async Task<AutoReplyReservation> ReserveAsync(Guid clientId, string recipient, AutoReplyLimits? limits = null)
    {
        var (_, leadId) = await SubmitAsync(clientId, recipient);
        return await fixture.Grains.GetLeadGrain(clientId, leadId).ReserveAutoReplyAsync($"{Guid.NewGuid():N}@avenir.test", limits ?? Defaults);
    }

    private async Task<(Guid ClientId, Guid LeadId)> SubmitAsync(Guid clientId, string recipient) =>
        (clientId, await TestLeads.SubmitAsync(fixture.Grains, clientId, TestLeads.Submission($"Hello {Guid.NewGuid():N}", "Test Person", recipient)));
}

using Avenir.Contracts.Leads;
using Avenir.Grains.Leads;

namespace Avenir.Silo.Tests.Grains;

/// <summary>
/// Intake's rules for one transaction, decided in memory (<see cref="LeadIntakePlan"/>): the idempotency key first,
/// then the content within the duplicate window, else a new lead — applied to the submissions in arrival order, a lead
/// created earlier in the same transaction counting as an earlier lead.
/// </summary>
public sealed class LeadIntakePlanTests
{
    private static readonly DateTimeOffset Now = TestClock.DefaultOrigin;
    private static readonly Dictionary<string, LeadIntakeRows.Earlier> None = [];

    private static PendingLead Pending(string email, string message, string? key = null, string? body = null, DateTimeOffset? at = null) =>
        new(Guid.Empty, Guid.CreateVersion7(), new LeadIntake
        {
            Lead = new LeadSubmission { Name = "Marie Tremblay", Email = email, Message = message },
            IdempotencyKey = key,
            RequestHash = body ?? email + message,
            Request = new IntakeRequestLog { MaskedKey = "avk_test…", AuthMethod = "api_key", Endpoint = "/api/lead" },
        }, at ?? Now);

    [Fact]
    public void Different_submissions_are_all_created_in_arrival_order()
    {
        PendingLead[] leads = [Pending("a@example.ca", "One"), Pending("b@example.ca", "Two"), Pending("c@example.ca", "Three")];

        var plan = LeadIntakePlan.Resolve(leads, None, None);

        Assert.Equal(leads, plan.Created);
        Assert.Empty(plan.Merged);
        Assert.Equal(leads.Select(l => (l, LeadIntakeOutcome.Created, l.LeadId)), plan.Answers.Select(a => (a.Lead, a.Result.Outcome, a.Result.LeadId)));
    }

    [Fact]
    public void One_key_and_body_sent_several_times_creates_the_first_and_replays_it_to_the_others()
    {
        PendingLead[] leads =
        [
            Pending("p@example.ca", "Rappel?", "form-1", "body"),
            Pending("p@example.ca", "Rappel?", "form-1", "body"),
            Pending("p@example.ca", "Rappel?", "form-1", "body"),
        ];

        var plan = LeadIntakePlan.Resolve(leads, None, None);

        var first = Assert.Single(plan.Created);
        Assert.Same(leads[0], first);
        Assert.All(plan.Answers.Skip(1),
            a => Assert.Equal((LeadIntakeOutcome.Replayed, first.LeadId, first.ReceivedAt), (a.Result.Outcome, a.Result.LeadId, a.Result.ReceivedAt)));
        Assert.Empty(plan.Merged); // a replay is the same request, not a duplicate lead
    }

    [Fact]
    public void One_key_with_other_bodies_creates_the_first_and_refuses_the_others()
    {
        PendingLead[] leads = [Pending("a@example.ca", "Body 1", "reused", "1"), Pending("b@example.ca", "Body 2", "reused", "2")];

        var plan = LeadIntakePlan.Resolve(leads, None, None);

        Assert.Same(leads[0], Assert.Single(plan.Created));
        Assert.Equal((LeadIntakeOutcome.IdempotencyKeyReused, leads[0].LeadId), (plan.Answers[1].Result.Outcome, plan.Answers[1].Result.LeadId));
    }

    [Fact]
    public void Identical_content_in_one_transaction_is_stored_once_and_the_rest_merged_into_it()
    {
        PendingLead[] leads =
        [
            .. Enumerable.Range(0, 5)
                .Select(i => Pending("luc@example.ca", "Bonjour,   j'aimerais une soumission.", body: $"click {i}", at: Now.AddMilliseconds(i))),
        ];

        var plan = LeadIntakePlan.Resolve(leads, None, None);

        var created = Assert.Single(plan.Created);
        Assert.Equal(4, plan.Merged.Count);
        Assert.All(plan.Merged, m => Assert.Equal(created.LeadId, m.LeadId));
        Assert.Equal(leads.Skip(1).Select(l => l.ReceivedAt), plan.Merged.Select(m => m.At));
        Assert.All(plan.Answers.Skip(1), a => Assert.Equal((LeadIntakeOutcome.Duplicate, created.LeadId), (a.Result.Outcome, a.Result.LeadId)));
    }

    [Fact]
    public void A_stored_lead_answers_by_key_before_content_and_by_content_only_inside_the_window()
    {
        var keyed = Pending("k@example.ca", "Keyed", "known-key", "same body");
        var recent = Pending("r@example.ca", "Recent");
        var old = Pending("o@example.ca", "Old");
        var byKey = new Dictionary<string, LeadIntakeRows.Earlier>
        {
            ["known-key"] = new(Guid.NewGuid(), Now.AddMinutes(-30), "same body", ByIdempotencyKey: true),
        };
        var byContent = new Dictionary<string, LeadIntakeRows.Earlier>
        {
            [keyed.Fingerprint] = new(Guid.NewGuid(), Now.AddMinutes(-1), null, ByIdempotencyKey: false),
            [recent.Fingerprint] = new(Guid.NewGuid(), Now.AddMinutes(-9), null, ByIdempotencyKey: false),
            [old.Fingerprint] = new(Guid.NewGuid(), Now.AddMinutes(-11), null, ByIdempotencyKey: false),
        };

        var plan = LeadIntakePlan.Resolve([keyed, recent, old], byKey, byContent);

        Assert.Equal((LeadIntakeOutcome.Replayed, byKey["known-key"].LeadId), (plan.Answers[0].Result.Outcome, plan.Answers[0].Result.LeadId));
        Assert.Equal((LeadIntakeOutcome.Duplicate, byContent[recent.Fingerprint].LeadId), (plan.Answers[1].Result.Outcome, plan.Answers[1].Result.LeadId));
        Assert.Equal(LeadIntakeOutcome.Created, plan.Answers[2].Result.Outcome); // 11 minutes ago: outside the 10-minute window
        Assert.Same(old, Assert.Single(plan.Created));
        Assert.Equal(byContent[recent.Fingerprint].LeadId, Assert.Single(plan.Merged).LeadId);
    }

    [Fact]
    public void Nothing_created_or_merged_writes_nothing()
    {
        var replay = Pending("k@example.ca", "Keyed", "known-key", "same body");
        var byKey = new Dictionary<string, LeadIntakeRows.Earlier>
        {
            ["known-key"] = new(Guid.NewGuid(), Now.AddMinutes(-30), "same body", ByIdempotencyKey: true),
        };

        Assert.True(LeadIntakePlan.Resolve([replay], byKey, None).WritesNothing);
        Assert.False(LeadIntakePlan.Resolve([Pending("n@example.ca", "New")], None, None).WritesNothing);
    }
}

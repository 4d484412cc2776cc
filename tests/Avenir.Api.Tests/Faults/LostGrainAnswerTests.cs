using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Hosting;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;
using Avenir.Contracts.Leads;

namespace Avenir.Api.Tests.Faults;

/// <summary>
/// A silo commits a lead and dies before answering: the API hears nothing. It must not wait Orleans' 30 s for that answer
/// but give up on it after its grain-call timeout and ask again, which the stored lead answers: acknowledged once, stored
/// once, well before a website's 10 s of patience run out.
/// </summary>
[Collection(LostAnswerCollection.Name)]
public sealed class LostGrainAnswerTests(LostAnswerApiFixture fixture)
{
    [Fact]
    public async Task A_lead_whose_answer_is_lost_after_the_commit_is_retried_and_acknowledged_once_within_the_budget()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        var idempotencyKey = $"lost-{Guid.NewGuid():N}";
        var held = fixture.Answers.HoldNextAnswerOf(nameof(ILeadIntakeGrain.SubmitAsync));
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await fixture.Http.SendOnceAsync(
                IntakeRequests.Json(IntakeRequests.Lead(email: $"{idempotencyKey}@example.ca"), key, idempotencyKey));
            var waited = stopwatch.Elapsed;

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("true", Assert.Single(response.Headers.GetValues("Idempotent-Replayed"))); // answered by the committed first attempt
            Assert.InRange(waited, ApiHostingExtensions.GrainCallTimeout, ClusterCallBudget.Budget);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
                "SELECT count(*) FROM lead_memory WHERE client_id = $1 AND idempotency_key = $2 AND id = $3", clientId, idempotencyKey, id));
        }
        finally
        {
            held.TrySetResult();
        }
    }

    [Fact]
    public async Task A_lead_without_a_key_whose_answer_is_lost_is_stored_once_and_answered_as_that_lead()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        var email = $"lost-{Guid.NewGuid():N}@example.ca";
        var held = fixture.Answers.HoldNextAnswerOf(nameof(ILeadIntakeGrain.SubmitAsync));
        try
        {
            var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(email: email), key));

            // The retry finds the committed lead by its content: the same lead, told as a duplicate of it, never a second one.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("duplicate", body.GetProperty("status").GetString());
            Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
                "SELECT count(*) FROM lead_memory WHERE client_id = $1 AND email = $2 AND id = $3", clientId, email, body.GetProperty("id").GetGuid()));
        }
        finally
        {
            held.TrySetResult();
        }
    }
}

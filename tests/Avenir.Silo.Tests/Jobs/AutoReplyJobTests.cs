using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Avenir.Contracts.Leads;
using MimeKit;

namespace Avenir.Silo.Tests.Jobs;

[Collection(LeadPipelineCollection.Name)]
public sealed class AutoReplyJobTests(LeadPipelineFixture fixture)
{
    private const string FrenchMessage = "Bonjour, avez-vous des disponibilités samedi pour un nettoyage?";
    private const string EnglishMessage = "Hi, do you have any openings on Saturday for a cleaning?";
    private const string BookingLink = "https://cal.example.com/soleil/rdv";

    [Fact]
    public async Task A_French_lead_gets_one_reply_in_French_in_the_clients_tone_with_the_booking_link_and_a_recorded_Message_ID()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        // The client writes in English: the reply follows the lead's detected language, not the client's.
        var clientId = await fixture.RegisterClientAsync("en", "Friendly", name: "Clinique Dentaire Soleil");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, FrenchMessage, "Marie Tremblay");

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        var reply = Assert.Single(fixture.Mail.To(email));
        // The subject carries the business's words only; the body greets by first name and never quotes the lead.
        Assert.Equal("Merci pour votre message!", reply.Subject);
        Assert.Contains("Bonjour Marie!", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("ça nous fait plaisir", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(FrenchMessage, reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(FrenchMessage, reply.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(BookingLink, reply.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{BookingLink}\"", reply.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Clinique Dentaire Soleil via Avenir", reply.From.Mailboxes.Single().Name);
        Assert.Equal("noreply@avenir.test", reply.From.Mailboxes.Single().Address);
        Assert.StartsWith("owner-", reply.ReplyTo.Mailboxes.Single().Address, StringComparison.Ordinal);
        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);

        var processing = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal("sent", processing.AutoReplyStatus);
        Assert.NotNull(processing.AutoReplySentAt);
        Assert.Equal(reply.MessageId, processing.AutoReplyMessageId);
        Assert.EndsWith("@avenir.test", reply.MessageId, StringComparison.Ordinal);
        Assert.Contains("\"sent\": true", (string?)await fixture.ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1",
            await fixture.JobIdAsync(JobTypes.LeadAutoReply, leadId)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_lead_gets_the_English_template_of_the_clients_tone()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("fr", "Formal", name: "Cabinet Juridique Lavoie");
        var (_, email) = await fixture.CreateLeadAsync(clientId, EnglishMessage, "John Smith");

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        var reply = Assert.Single(fixture.Mail.To(email));
        Assert.Equal("Acknowledgement of your inquiry — Cabinet Juridique Lavoie", reply.Subject);
        Assert.StartsWith("Dear John Smith,", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains(BookingLink, reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("Yours sincerely,", reply.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Professional", "Thank you for contacting")]
    [InlineData("en", "Energetic", "Great to hear from you")]
    [InlineData("fr", "Professional", "Merci d'avoir communiqué avec")]
    [InlineData("fr", "Formal", "Accusé de réception de votre demande")]
    [InlineData("fr", "Energetic", "Super, on a bien reçu votre message")]
    public async Task Each_language_and_tone_has_its_own_template(string language, string tone, string subjectStart)
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync(language, tone);
        var (_, email) = await fixture.CreateLeadAsync(clientId, language == "fr" ? FrenchMessage : EnglishMessage);

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.StartsWith(subjectStart, Assert.Single(fixture.Mail.To(email)).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_reply_is_sent_when_the_client_turned_the_personalised_reply_off_and_the_reason_is_recorded()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("fr", "Friendly", aiPersonalizedReply: false);
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, FrenchMessage);

        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.Empty(fixture.Mail.To(email));
        var processing = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal("skipped", processing.AutoReplyStatus);
        Assert.Contains("ai_personalized_reply", processing.AutoReplyNote, StringComparison.Ordinal);
        var job = await fixture.JobIdAsync(JobTypes.LeadAutoReply, leadId);
        Assert.Equal("completed", await fixture.ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1", job));
        Assert.Contains(
            "ai_personalized_reply", (string?)await fixture.ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1", job), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_run_of_a_sent_reply_job_does_not_send_again()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("fr", "Professional");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, FrenchMessage);
        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);
        Assert.Single(fixture.Mail.To(email));

        // As if the worker had died after recording the send but before completing the job.
        var job = await fixture.JobIdAsync(JobTypes.LeadAutoReply, leadId);
        await fixture.ScalarAsync("UPDATE queue_jobs SET status = 'pending', completed_at = NULL, result = NULL WHERE id = $1", job);
        Assert.Equal(1, await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply));

        Assert.Single(fixture.Mail.To(email));
        var result = (string?)await fixture.ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1", job);
        Assert.Contains("Already decided: sent", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_interrupted_after_reserving_its_Message_ID_is_never_sent_again_and_the_lead_says_unconfirmed()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("en", "Professional");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, EnglishMessage);
        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        // An earlier attempt reserved its Message-ID, then died while sending: the mail may or may not have left.
        var reserved = await fixture.Grains.GetLeadGrain(clientId, leadId).ReserveAutoReplyAsync("earlier-attempt.1@avenir.test", new AutoReplyLimits());
        Assert.Equal(AutoReplyReservationOutcome.Reserved, reserved.Outcome);

        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.Empty(fixture.Mail.To(email)); // at most once: a second send could be a duplicate
        var processing = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal(LeadProcessingStatuses.AutoReplyUnconfirmed, processing.AutoReplyStatus);
        Assert.Equal(AutoReplyReasons.Interrupted, processing.AutoReplyReason);
    }

    [Fact]
    public async Task A_reply_the_relay_refused_gives_its_reservation_back_and_is_sent_once_on_the_retry()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("en", "Professional");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, EnglishMessage);
        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        fixture.Mail.RefuseNext(email);

        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        // Certainly not sent (550 after DATA): the reservation is released, so it neither counts nor blocks.
        Assert.Empty(fixture.Mail.To(email));
        var released = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Null(released.AutoReplyStatus);
        Assert.Null(released.AutoReplyMessageId);

        harness.Time.Advance(TimeSpan.FromMinutes(10)); // past the retry back-off
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        var reply = Assert.Single(fixture.Mail.To(email));
        var sent = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal((LeadProcessingStatuses.AutoReplySent, reply.MessageId), (sent.AutoReplyStatus, sent.AutoReplyMessageId));
    }

    [Fact]
    public async Task The_reply_waits_for_the_enrichment_and_then_answers_in_the_detected_language()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("en", "Professional");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, FrenchMessage);

        Assert.Equal(1, await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply));
        Assert.Empty(fixture.Mail.To(email));
        var job = await fixture.JobIdAsync(JobTypes.LeadAutoReply, leadId);
        Assert.Equal(("pending", 0), ((string)(await fixture.ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1", job))!,
            (int)(await fixture.ScalarAsync("SELECT attempts FROM queue_jobs WHERE id = $1", job))!));

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.StartsWith("Merci d'avoir communiqué avec", Assert.Single(fixture.Mail.To(email)).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_enrichment_within_the_wait_no_reply_goes_out_and_the_lead_says_why()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("fr", "Professional");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, EnglishMessage);

        // Fail closed: a lead nobody has classified may be spam, so the reply waits and then does not go.
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(10); waited += TimeSpan.FromMinutes(1))
        {
            await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);
            Assert.Null((await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!.AutoReplyStatus);
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.Empty(fixture.Mail.To(email));
        var processing = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal((LeadProcessingStatuses.AutoReplyWithheld, AutoReplyReasons.NotEnriched), (processing.AutoReplyStatus, processing.AutoReplyReason));
        Assert.Equal("completed", await fixture.ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1",
            await fixture.JobIdAsync(JobTypes.LeadAutoReply, leadId)));
    }

    [Fact]
    public async Task A_lead_whose_enrichment_failed_gets_no_reply()
    {
        await using var harness = fixture.Harness(new FixedEnrichmentEngine());
        var clientId = await fixture.RegisterClientAsync("en", "Friendly");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, EnglishMessage);
        await fixture.Grains.GetLeadGrain(clientId, leadId).MarkEnrichmentFailedAsync();

        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.Empty(fixture.Mail.To(email));
        var processing = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal((LeadProcessingStatuses.AutoReplyWithheld, AutoReplyReasons.EnrichmentFailed), (processing.AutoReplyStatus, processing.AutoReplyReason));
    }

    [Fact]
    public async Task A_lead_classified_as_spam_gets_no_reply()
    {
        var engine = new FixedEnrichmentEngine { Answer = _ => new("en", "spam", "Casual", "Low", 0.95, "Crypto offer.", "fixed-test-engine-1") };
        await using var harness = fixture.Harness(engine);
        var clientId = await fixture.RegisterClientAsync("en", "Friendly");
        var (leadId, email) = await fixture.CreateLeadAsync(clientId, "Earn 500% with our crypto bot!!!");

        await harness.RunUntilIdleAsync(JobTypes.LeadEnrichment);
        await harness.RunUntilIdleAsync(JobTypes.LeadAutoReply);

        Assert.Empty(fixture.Mail.To(email));
        var processing = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetProcessingAsync())!;
        Assert.Equal((LeadProcessingStatuses.AutoReplyWithheld, AutoReplyReasons.Spam), (processing.AutoReplyStatus, processing.AutoReplyReason));
    }
}

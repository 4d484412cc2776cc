using Avenir.Contracts.Clients;
using Avenir.Contracts.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Grains.Jobs;
using Avenir.Infrastructure.Metrics;
using Avenir.Silo.Email;
using Avenir.Silo.Jobs;
using MimeKit;
using MimeKit.Utils;

namespace Avenir.Silo.AutoReply;

/// <summary>
/// <c>lead_auto_reply</c>: when the client has <c>ai_personalized_reply</c>, sends the lead a reply in the
/// lead's language and the client's tone, with the booking link, and records it on the lead.
/// </summary>
/// <remarks>
/// <para>Fails closed (docs/security.md): no reply while the lead is unenriched (the job waits up to
/// <see cref="AutoReplyOptions.EnrichmentWait"/>, then withholds it), when its enrichment failed, when it is spam, while the
/// client's replies are paused, or past a limit per recipient or per client (<see cref="AutoReplyLimits"/>, decided
/// atomically by the lead's grain). Each such decision is recorded on the lead (<c>withheld</c> and its reason).</para>
/// <para>At most once: the Message-ID is reserved on the lead (<c>sending</c>) before the SMTP send and marked <c>sent</c>
/// right after it (nothing cancellable in between). An attempt that finds <c>sending</c> — an earlier one was interrupted
/// after reserving: a crash, a lost lease, a database error — marks it <c>unconfirmed</c> and never sends again. A
/// reservation is given back only when the relay certainly did not take the message (<see cref="EmailNotSentException"/>).
/// The residual risk is the other way: an interrupted reply may not have gone out (decision 0004).</para>
/// </remarks>
public sealed class AutoReplyJobHandler(
    IGrainFactory grains,
    IAutoReplyWriter writer,
    IEmailSender sender,
    IOptions<EmailOptions> email,
    IOptions<AutoReplyOptions> options,
    TimeProvider time,
    ILogger<AutoReplyJobHandler> logger,
    PerformanceRecorder? recorder = null) : IJobHandler
{
    public string JobType => JobTypes.LeadAutoReply;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<LeadJobPayload>();
        var leadGrain = grains.GetLeadGrain(payload.ClientId, payload.LeadId);
        var client = await grains.GetGrain<IClientGrain>(payload.ClientId).GetProfileAsync();
        var lead = await leadGrain.GetAsync();
        var processing = await leadGrain.GetProcessingAsync();
        if (client is null || lead is null || processing is null)
        {
            return Done(sent: false, reason: client is null ? "The client does not exist." : "The lead does not exist (deleted?).");
        }

        switch (processing.AutoReplyStatus)
        {
            case LeadProcessingStatuses.AutoReplySending when processing.AutoReplyMessageId is { } interrupted:
                await leadGrain.MarkAutoReplyUnconfirmedAsync(interrupted);
                logger.LogWarning("Auto-reply <{MessageId}> of lead {LeadId} was interrupted after its reservation: unconfirmed, not sent again",
                    interrupted, lead.Id);
                return Done(sent: false, reason: "An earlier attempt was interrupted after reserving the reply: unconfirmed.", interrupted);
            case not null:
                return Done(sent: false, reason: $"Already decided: {processing.AutoReplyStatus}.", processing.AutoReplyMessageId);
        }

        if (Decision(client, lead, processing, job) is { } decision)
        {
            if (decision.Status is null)
            {
                return JobResult.Reschedule(options.Value.EnrichmentPoll, "Waiting for the lead's enrichment (its language and intent).");
            }

            await leadGrain.DecideNoAutoReplyAsync(decision.Status, decision.Reason, decision.Note);
            logger.LogInformation("No auto-reply for lead {LeadId}: {Reason}", lead.Id, decision.Reason);
            return Done(sent: false, reason: decision.Note);
        }

        // A lead in another language (lead_memory.language 'other') is answered in the client's language.
        var language = lead.Language is LeadLanguages.English or LeadLanguages.French ? lead.Language : client.Language;
        var draft = await writer.WriteAsync(new AutoReplyRequest(lead, client, language, client.EmailTone), cancellationToken);
        if (draft.Fallback is { } fallback)
        {
            // The LLM's reply was refused or failed: the template answers, and the lead's activity says why.
            await leadGrain.RecordAiFallbackAsync(fallback);
        }

        await job.ReportProgressAsync(30, "Reply written.", cancellationToken);

        var from = MailboxAddress.Parse(email.Value.From);
        var reservation = await leadGrain.ReserveAutoReplyAsync(MimeUtils.GenerateMessageId(from.Domain), options.Value.Limits);
        if (reservation is not { Outcome: AutoReplyReservationOutcome.Reserved, State.AutoReplyMessageId: { } messageId })
        {
            if (reservation.Outcome == AutoReplyReservationOutcome.Withheld)
            {
                logger.LogWarning("No auto-reply for lead {LeadId}: {Reason}", lead.Id, reservation.Reason);
            }

            return Done(sent: false, reason: $"Not reserved: {reservation.Outcome} {reservation.Reason}".TrimEnd(), reservation.State?.AutoReplyMessageId);
        }

        using var message = Compose(draft, client, lead, from, messageId, time.GetUtcNow());
        await SendAsync(message, leadGrain, messageId, payload.ClientId, cancellationToken);

        // The mail is out: from here nothing is cancellable, and the record is retried rather than dropped.
        var note = draft.Fallback is { } refused
            ? $"Sent in {language} ({client.EmailTone}) from {draft.Source}; {Lower(refused.Reason)}"
            : $"Sent in {language} ({client.EmailTone}) from {draft.Source}.";
        await MarkSentAsync(leadGrain, messageId, note);
        logger.LogInformation(
            "Auto-reply <{MessageId}> sent to lead {LeadId} in {Language} ({Tone})", messageId, lead.Id, language, client.EmailTone);
        return JobResult.Completed(new
        {
            sent = true,
            messageId,
            language,
            tone = client.EmailTone,
            source = draft.Source,
            fallback = draft.Fallback?.Reason,
        });
    }

    /// <summary>
    /// Why the lead gets no reply (skipped: the client's choice; withheld: a safety rule), null to go on — or a decision
    /// without a status: wait for the enrichment.
    /// </summary>
    private NoReply? Decision(ClientProfile client, LeadSnapshot lead, LeadProcessing processing, JobContext job)
    {
        if (!client.AiPersonalizedReply)
        {
            return NoReply.Skipped(AutoReplyReasons.Disabled, "The client has turned the personalised reply off (ai_personalized_reply).");
        }

        if (lead.Deleted)
        {
            return NoReply.Skipped(AutoReplyReasons.LeadDeleted, "The lead was deleted.");
        }

        if (client.AutoReplyPausedAt is { } pausedAt)
        {
            return NoReply.Withheld(AutoReplyReasons.Paused, $"The client's auto-replies are paused since {pausedAt:u} (hourly limit reached).");
        }

        switch (processing.EnrichmentStatus)
        {
            case LeadProcessingStatuses.EnrichmentPending when time.GetUtcNow() < job.Job.CreatedAt + options.Value.EnrichmentWait:
                return new NoReply(null, "", "");
            case LeadProcessingStatuses.EnrichmentPending:
                return NoReply.Withheld(AutoReplyReasons.NotEnriched,
                    $"The lead was not enriched within {options.Value.EnrichmentWait}: without its intent no reply is sent.");
            case LeadProcessingStatuses.EnrichmentFailed:
                return NoReply.Withheld(AutoReplyReasons.EnrichmentFailed, "The lead's enrichment failed: without its intent no reply is sent.");
        }

        return lead.Intent == "spam" ? NoReply.Withheld(AutoReplyReasons.Spam, "The lead was classified as spam.") : null;
    }

    /// <summary>
    /// Sends once. When the relay certainly did not take it, the reservation is given back so a retry may send; any other
    /// failure leaves it reserved, and the next attempt marks it unconfirmed instead of sending twice.
    /// </summary>
    private async Task SendAsync(MimeMessage message, ILeadGrain lead, string messageId, Guid clientId, CancellationToken cancellationToken)
    {
        // The SMTP send's latency and errors (email_response / smtp_send), aggregated per client.
        var sendKey = new MetricKey(PerformanceMetricNames.EmailResponse, PerformanceMetricNames.SmtpSend, PerformanceMetricNames.AutoReply, clientId);
        var sending = time.GetTimestamp();
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (EmailNotSentException)
        {
            recorder?.RecordElapsed(sendKey, sending, success: false);
            await lead.ReleaseAutoReplyAsync(messageId);
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            recorder?.RecordElapsed(sendKey, sending, success: false);
            throw;
        }

        recorder?.RecordElapsed(sendKey, sending);
    }

    private async Task MarkSentAsync(ILeadGrain lead, string messageId, string note)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await lead.MarkAutoReplySentAsync(messageId, note);
                return;
            }
            catch (Exception exception) when (attempt < options.Value.MarkSentAttempts)
            {
                logger.LogWarning(exception, "Could not record auto-reply <{MessageId}> as sent (attempt {Attempt}); retrying", messageId, attempt);
                await Task.Delay(RetryBackoff.Ceiling(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), time);
            }
        }
    }

    /// <summary>
    /// The message as sent: "{business} via Avenir" from the platform's address (the client's own domain
    /// would fail SPF/DMARC), Reply-To the client so the lead's answer reaches them, RFC 3834 auto-reply headers.
    /// </summary>
    public static MimeMessage Compose(
        AutoReplyDraft draft, ClientProfile client, LeadSnapshot lead, MailboxAddress platform, string messageId, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = draft.Subject, MessageId = messageId, Date = date };
        message.From.Add(new MailboxAddress($"{client.BusinessName} via Avenir", platform.Address));
        message.ReplyTo.Add(new MailboxAddress(client.BusinessName, client.Email));
        message.To.Add(new MailboxAddress(lead.Name, lead.Email));
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add("X-Avenir-Lead", lead.Id.ToString());
        message.Body = new BodyBuilder { HtmlBody = draft.HtmlBody, TextBody = draft.TextBody }.ToMessageBody();
        return message;
    }

    /// <summary>The fallback's reason as the end of the note's sentence, at most 900 characters.</summary>
    private static string Lower(string text)
    {
        var lowered = text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
        return lowered.Length > 900 ? lowered[..900] + "…" : lowered;
    }

    private static JobResult Done(bool sent, string reason, string? messageId = null) =>
        JobResult.Completed(new { sent, reason, messageId });

    /// <summary>A decision against a reply; a null status means "not yet: wait for the enrichment".</summary>
    private sealed record NoReply(string? Status, string Reason, string Note)
    {
        public static NoReply Skipped(string reason, string note) => new(LeadProcessingStatuses.AutoReplySkipped, reason, note);

        public static NoReply Withheld(string reason, string note) => new(LeadProcessingStatuses.AutoReplyWithheld, reason, note);
    }
}

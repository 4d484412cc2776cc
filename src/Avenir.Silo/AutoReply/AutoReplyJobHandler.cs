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
/// Language: the lead's detected language once enriched (the job waits up to <see cref="AutoReplyOptions.EnrichmentWait"/>
/// for the enrichment), else the language the form declared, else the client's.
/// At most once: the Message-ID is reserved on the lead (<c>sending</c>) before the SMTP send and the lead is
/// marked <c>sent</c> after it; a re-run finds <c>sent</c> and stops, or finds <c>sending</c> (the previous
/// attempt died between reserving and marking) and sends again with the same Message-ID. The only possible
/// duplicate is a crash after the relay accepted the message and before the mark committed (decision 0004).
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
            case "sent":
                return Done(sent: false, reason: "Already sent.", processing.AutoReplyMessageId);
            case "skipped":
                return Done(sent: false, reason: $"Skipped earlier: {processing.AutoReplyNote}");
        }

        if (processing.AutoReplyStatus is null)
        {
            var skip = !client.AiPersonalizedReply ? "The client has turned the personalised reply off (ai_personalized_reply)."
                : lead.Deleted ? "The lead was deleted."
                : null;
            if (skip is null && processing.EnrichmentStatus == "pending" && time.GetUtcNow() < job.Job.CreatedAt + options.Value.EnrichmentWait)
            {
                return JobResult.Reschedule(options.Value.EnrichmentPoll, "Waiting for the lead's enrichment (its language and intent).");
            }

            skip ??= lead.Intent == "spam" ? "The lead was classified as spam." : null;
            if (skip is not null)
            {
                await leadGrain.SkipAutoReplyAsync(skip);
                logger.LogInformation("No auto-reply for lead {LeadId}: {Reason}", lead.Id, skip);
                return Done(sent: false, reason: skip);
            }
        }

        var language = lead.Language is "en" or "fr" ? lead.Language : client.Language;
        var draft = await writer.WriteAsync(new AutoReplyRequest(lead, client, language, client.EmailTone), cancellationToken);
        await job.ReportProgressAsync(30, "Reply written.", cancellationToken);

        var from = MailboxAddress.Parse(email.Value.From);
        var reserved = await leadGrain.ReserveAutoReplyAsync(MimeUtils.GenerateMessageId(from.Domain));
        if (reserved?.AutoReplyStatus != "sending" || reserved.AutoReplyMessageId is null)
        {
            return Done(
                sent: false, reason: $"The auto-reply is {reserved?.AutoReplyStatus ?? "unavailable"} (changed meanwhile).", reserved?.AutoReplyMessageId);
        }

        using var message = Compose(draft, client, lead, from, reserved.AutoReplyMessageId, time.GetUtcNow());
        // The SMTP send's latency and errors (email_response / smtp_send), aggregated per client.
        var sendKey = new MetricKey(PerformanceMetricNames.EmailResponse, PerformanceMetricNames.SmtpSend, PerformanceMetricNames.AutoReply, payload.ClientId);
        var sending = time.GetTimestamp();
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            recorder?.RecordElapsed(sendKey, sending, success: false);
            throw;
        }

        recorder?.RecordElapsed(sendKey, sending);
        await job.ReportProgressAsync(80, "Sent; recording.", cancellationToken);

        var note = $"Sent in {language} ({client.EmailTone}) from {draft.Source}.";
        // Not cancellable: the mail is out, the record must follow.
        await leadGrain.MarkAutoReplySentAsync(reserved.AutoReplyMessageId, note);
        logger.LogInformation(
            "Auto-reply <{MessageId}> sent to lead {LeadId} in {Language} ({Tone})", reserved.AutoReplyMessageId, lead.Id, language, client.EmailTone);
        return JobResult.Completed(new
        {
            sent = true,
            messageId = reserved.AutoReplyMessageId,
            language,
            tone = client.EmailTone,
            source = draft.Source,
        });
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

    private static JobResult Done(bool sent, string reason, string? messageId = null) =>
        JobResult.Completed(new { sent, reason, messageId });
}

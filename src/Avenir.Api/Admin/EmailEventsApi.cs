using System.Text.Json;
using Avenir.Api.Dashboard;
using Avenir.Api.Leads;
using Avenir.Api.Validation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Admin;

/// <summary>
/// <c>POST /api/admin/email-events</c>: an auto-reply was answered or bounced. What calls it: a bounce webhook of the
/// mail relay, or a mailbox poller (the outreach issue adds IMAP polling); both know the Message-ID.
/// </summary>
public static class EmailEventsApi
{
    public const int MaxDetailLength = 1000;

    /// <param name="MessageId">The auto-reply's Message-ID, with or without angle brackets.</param>
    /// <param name="Event"><c>replied</c> or <c>bounced</c>.</param>
    public sealed record EmailEventRequest(string? MessageId, string? Event, DateTimeOffset? OccurredAt, string? Detail);

    /// <param name="Status"><c>recorded</c>, or <c>already_recorded</c> when this event was recorded for the lead before.</param>
    public sealed record EmailEventRecorded(Guid ClientId, Guid LeadId, string Event, string Status);

    public static async Task<Results<Accepted<EmailEventRecorded>, ProblemHttpResult>> RecordAsync(
        HttpContext http, IGrainFactory grains, EmailEventQueries queries, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // Read here rather than bound: a binding failure would surface as the framework's exception, not our 400.
        if (!http.Request.HasJsonContentType())
        {
            return IntakeProblems.UnsupportedMediaType(http.Request.ContentType);
        }

        EmailEventRequest? request;
        try
        {
            // The API's options, not bare Web defaults: their string converter refuses a NUL or a lone surrogate.
            request = await http.Request.ReadFromJsonAsync<EmailEventRequest>(json.Value.SerializerOptions, cancellationToken);
        }
        catch (UnstorableTextException exception)
        {
            return IntakeProblems.Problem(StatusCodes.Status400BadRequest, "invalid_text", "Invalid text", $"'{exception.Path}' {StorableText.Refusal}.");
        }
        catch (JsonException exception)
        {
            return IntakeProblems.MalformedBody($"The body is not a valid email event: {exception.Message}");
        }

        var errors = new Dictionary<string, string[]>();
        var messageId = request?.MessageId?.Trim().TrimStart('<').TrimEnd('>').Trim();
        if (string.IsNullOrEmpty(messageId) || messageId.Length > 998 || messageId.Any(char.IsWhiteSpace))
        {
            errors["messageId"] = ["messageId is the auto-reply's Message-ID (no spaces, at most 998 characters)."];
        }

        AutoReplyEvent? kind = request?.Event switch
        {
            "replied" => AutoReplyEvent.Replied,
            "bounced" => AutoReplyEvent.Bounced,
            _ => null,
        };
        if (kind is null)
        {
            errors["event"] = ["event is replied or bounced."];
        }

        if (request?.Detail is { Length: > MaxDetailLength })
        {
            errors["detail"] = [$"detail has at most {MaxDetailLength} characters."];
        }

        if (errors.Count > 0 || request is null || messageId is null || kind is not { } outcome || request.Event is not { } eventName)
        {
            return DashboardProblems.Invalid(errors);
        }

        if (await queries.LeadByAutoReplyAsync(messageId, cancellationToken) is not { } lead)
        {
            return DashboardProblems.NotFound("auto-reply with this Message-ID");
        }

        var result = await grains.GetLeadGrain(lead.ClientId, lead.Id).RecordAutoReplyOutcomeAsync(new AutoReplyOutcome
        {
            MessageId = messageId,
            Event = outcome,
            OccurredAt = request.OccurredAt,
            Detail = string.IsNullOrWhiteSpace(request.Detail) ? null : request.Detail.Trim(),
        });
        return result switch
        {
            AutoReplyOutcomeResult.Recorded => TypedResults.Accepted((string?)null, new EmailEventRecorded(lead.ClientId, lead.Id, eventName, "recorded")),
            AutoReplyOutcomeResult.AlreadyRecorded =>
                TypedResults.Accepted((string?)null, new EmailEventRecorded(lead.ClientId, lead.Id, eventName, "already_recorded")),
            _ => DashboardProblems.NotFound("auto-reply with this Message-ID"),
        };
    }
}

using System.Text.RegularExpressions;
using MimeKit;

namespace Avenir.Silo.Outreach.Inbound;

/// <summary>
/// Reads bounces: RFC 3464 DSNs (multipart/report with message/delivery-status) and the human-readable bounces of
/// servers that send none (qmail, older Exchange and Gmail, hosting panels), which quote the original headers.
/// Finds every Message-ID the bounce may be about: the returned message/rfc822, a text/rfc822-headers part,
/// the DSN's Original-Envelope-Id (Avenir sends its Message-ID as ENVID) or X-Original-Message-ID, and Message-ID
/// lines quoted in the text.
/// </summary>
public static partial class BounceReader
{
    private static readonly string[] BounceSenders =
        ["mailer-daemon", "postmaster", "mail-delivery-subsystem", "mail.delivery.subsystem", "maildelivery", "bounce", "bounces", "mdaemon"];

    private static readonly string[] BounceSubjects =
    [
        "undeliverable", "undelivered mail", "delivery status notification", "delivery failure", "delivery has failed", "mail delivery failed",
        "failure notice", "returned mail", "delivery notification", "message not delivered", "could not be delivered", "returned to sender",
        "non remis", "non distribuable", "echec de la remise", "echec de remise", "remise impossible", "notification d'etat de remise",
        "message non remis", "retourne a l'expediteur",
    ];

    /// <summary>Whether the headers alone make the message a bounce candidate worth fetching in full.</summary>
    public static bool LooksLikeBounce(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var contentType = headers[HeaderId.ContentType] ?? "";
        if (contentType.Contains("multipart/report", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var from = headers[HeaderId.From] ?? "";
        var sender = MailboxAddress.TryParse(from, out var address) ? address.LocalPart.ToLowerInvariant() : from.ToLowerInvariant();
        if (BounceSenders.Any(s => sender.Equals(s, StringComparison.Ordinal) || sender.StartsWith(s + "+", StringComparison.Ordinal)))
        {
            return true;
        }

        var subject = AutomaticReplySignals.Fold(headers[HeaderId.Subject]);
        return BounceSubjects.Any(s => subject.Contains(s, StringComparison.Ordinal));
    }

    /// <summary>The bounce's details and candidate Message-IDs (most reliable first), or <see langword="null"/> when it is no bounce.</summary>
    public static (BounceDetails Details, IReadOnlyList<string> Candidates)? Read(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var report = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (report is not null)
        {
            return ReadDsn(message, report);
        }

        return LooksLikeBounce(message.Headers) ? ReadText(message) : null;
    }

    private static (BounceDetails, IReadOnlyList<string>)? ReadDsn(MimeMessage message, MessageDeliveryStatus report)
    {
        var groups = report.StatusGroups;
        if (groups.Count == 0)
        {
            return null;
        }

        var perMessage = groups[0];
        var recipients = groups.Skip(1).ToList();
        // The worst recipient decides: a failure over a delay over a success.
        var chosen = recipients.OrderBy(g => ActionRank(g["Action"])).FirstOrDefault() ?? perMessage;
        var action = chosen["Action"]?.Trim().ToLowerInvariant();
        var status = FirstStatus(chosen["Status"]) ?? FirstStatus(chosen["Diagnostic-Code"]);
        var severity = status is not null
            ? (status[0] == '5' ? BounceSeverity.Hard : BounceSeverity.Soft)
            : action == "failed" ? BounceSeverity.Hard : BounceSeverity.Soft;

        var candidates = new List<string>();
        candidates.AddRange(OriginalParts(message));
        AddId(candidates, perMessage["Original-Envelope-Id"]);
        AddId(candidates, perMessage["X-Original-Message-ID"]);
        foreach (var group in recipients)
        {
            AddId(candidates, group["X-Original-Message-ID"]);
        }

        AddId(candidates, message.Headers["X-Original-Message-ID"]);
        candidates.AddRange(QuotedMessageIds(message));

        var details = new BounceDetails(severity, status, action, Address(chosen["Final-Recipient"] ?? chosen["Original-Recipient"]),
            Clean(chosen["Diagnostic-Code"]), Address(perMessage["Reporting-MTA"]), "dsn");
        return (details, candidates.Distinct(StringComparer.Ordinal).ToList());
    }

    private static (BounceDetails, IReadOnlyList<string>) ReadText(MimeMessage message)
    {
        var text = string.Join("\n", message.BodyParts
            .OfType<TextPart>()
            .Where(p => !p.IsAttachment || p.ContentType.MediaSubtype.EndsWith("rfc822-headers", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Text));
        var status = FirstStatus(text);
        var basic = status is null ? BasicCode().Match(text) : null;
        var delayed = AutomaticReplySignals.Fold(message.Subject).Contains("delay", StringComparison.Ordinal)
            || AutomaticReplySignals.Fold(message.Subject).Contains("retard", StringComparison.Ordinal);
        var severity = status is not null ? (status[0] == '5' ? BounceSeverity.Hard : BounceSeverity.Soft)
            : basic is { Success: true } ? (basic.Value[0] == '5' ? BounceSeverity.Hard : BounceSeverity.Soft)
            : delayed ? BounceSeverity.Soft : BounceSeverity.Hard;

        var candidates = new List<string>();
        candidates.AddRange(OriginalParts(message));
        AddId(candidates, message.Headers["X-Original-Message-ID"]);
        candidates.AddRange(QuotedMessageIds(message));
        var recipient = FailedRecipient().Match(text) is { Success: true } r ? r.Groups[1].Value : null;
        var diagnostic = status is not null ? LineAround(text, status) : basic is { Success: true } ? LineAround(text, basic.Value) : null;
        return (new BounceDetails(severity, status, null, recipient, diagnostic, null, "text"), candidates.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The Message-IDs of returned originals: message/rfc822 and text/rfc822-headers parts (MimeKit parses both as messages).</summary>
    private static IEnumerable<string> OriginalParts(MimeMessage message)
    {
        foreach (var part in message.BodyParts)
        {
            if (part is MessagePart { Message: { } original } && !string.IsNullOrEmpty(original.MessageId))
            {
                yield return original.MessageId;
            }
            else if (part is TextPart text && text.ContentType.MediaSubtype.EndsWith("rfc822-headers", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var id in MessageIdLines(text.Text))
                {
                    yield return id;
                }
            }
        }
    }

    /// <summary>Message-ID lines quoted in any text part ("----- Original message -----", "Below this line is a copy").</summary>
    private static IEnumerable<string> QuotedMessageIds(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().SelectMany(part => MessageIdLines(part.Text ?? ""));

    internal static IEnumerable<string> MessageIdLines(string text) =>
        QuotedMessageId().Matches(text).Select(m => m.Groups[1].Value.Trim());

    private static int ActionRank(string? action) => action?.Trim().ToLowerInvariant() switch
    {
        "failed" => 0,
        "delayed" => 1,
        _ => 2,
    };

    private static string? FirstStatus(string? text) =>
        text is not null && EnhancedStatus().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    private static void AddId(List<string> candidates, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var trimmed = value.Trim();
        candidates.Add(trimmed.StartsWith('<') && trimmed.EndsWith('>') ? trimmed[1..^1] : trimmed);
    }

    private static string? Address(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var semicolon = typed.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? typed[(semicolon + 1)..] : typed).Trim().Trim('<', '>');
    }

    private static string? Clean(string? value) => value is null ? null : Regex.Replace(value, @"\s+", " ").Trim();

    private static string LineAround(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        var start = text.LastIndexOf('\n', Math.Max(0, index)) + 1;
        var end = text.IndexOf('\n', index);
        var line = text[start..(end < 0 ? text.Length : end)].Trim();
        return line.Length > 300 ? line[..300] : line;
    }

    [GeneratedRegex(@"(?<![\d.])([45]\.\d{1,3}\.\d{1,3})(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedStatus();

    [GeneratedRegex(@"(?<!\d)(5[0-5]\d|4[2-5]\d)(?=[ -])", RegexOptions.CultureInvariant)]
    private static partial Regex BasicCode();

    // A header line "Message-ID: <…>" (any case, folded or not), quoted with "> " or indented, as bounces quote them.
    [GeneratedRegex(
        @"^[ \t>]*Message-ID:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]+@[^<>\s]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedMessageId();

    [GeneratedRegex(@"<([^<>\s@]+@[^<>\s]+)>:", RegexOptions.CultureInvariant)]
    private static partial Regex FailedRecipient();
}

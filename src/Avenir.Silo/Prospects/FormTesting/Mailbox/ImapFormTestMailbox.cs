using AngleSharp.Html.Parser;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Avenir.Silo.Prospects.FormTesting.Mailbox;

/// <summary>
/// Reads the test mailbox over IMAP (MailKit). The folder is opened read-only and bodies are fetched with
/// <c>BODY.PEEK</c>, so other mail is never marked read, moved or deleted. It searches by date (<c>SINCE</c>, which
/// every server supports) and matches the reply address itself on the headers, so plus-addressed answers are found
/// whichever recipient header the server or the sender used.
/// </summary>
public sealed class ImapFormTestMailbox(IOptions<FormTestOptions> options) : IFormTestMailbox
{
    private static readonly string[] RecipientHeaders = ["To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"];

    /// <inheritdoc />
    public async Task<IReadOnlyList<MailboxReply>> FindRepliesAsync(string replyAddress, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replyAddress);
        var settings = options.Value.Mailbox;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new InvalidOperationException("Prospects:FormTests:Mailbox:Host is not configured.");
        }

        using var client = new ImapClient();
        await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        IList<UniqueId> uids;
        try
        {
            // SINCE has day granularity (the server's date): a day early, then exact times below.
            uids = await folder.SearchAsync(SearchQuery.DeliveredAfter(since.UtcDateTime.Date.AddDays(-1)), cancellationToken);
        }
        catch (ImapCommandException)
        {
            uids = await folder.SearchAsync(SearchQuery.All, cancellationToken);
        }

        var replies = new List<MailboxReply>();
        if (uids.Count > 0)
        {
            var summaries = await folder.FetchAsync(
                uids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Headers, cancellationToken);
            foreach (var summary in summaries.Where(s => s.Headers is { } headers && IsAddressedTo(headers, replyAddress)))
            {
                var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken);
                var received = summary.InternalDate ?? message.Date;
                var sent = message.Headers.Contains(HeaderId.Date) ? message.Date : received;
                if (received < since.AddMinutes(-5) && sent < since)
                {
                    continue;
                }

                replies.Add(new MailboxReply(
                    string.IsNullOrEmpty(message.MessageId) ? summary.UniqueId.ToString() : message.MessageId,
                    message.From.ToString(),
                    message.Subject ?? string.Empty,
                    BodyText(message),
                    message.Headers
                        .GroupBy(h => h.Field, StringComparer.OrdinalIgnoreCase)
                        .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase),
                    sent,
                    received));
            }
        }

        await client.DisconnectAsync(true, cancellationToken);
        return replies.OrderBy(r => r.SentAt).ToList();
    }

    /// <summary>Whether a recipient header names <paramref name="address"/> (case-insensitive, display names ignored).</summary>
    internal static bool IsAddressedTo(HeaderList headers, string address)
    {
        foreach (var name in RecipientHeaders)
        {
            foreach (var header in headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                if (InternetAddressList.TryParse(header.Value, out var list)
                    && list.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }

                if (header.Value.Contains(address, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string BodyText(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.TextBody))
        {
            return message.TextBody.Trim();
        }

        return message.HtmlBody is { } html ? new HtmlParser().ParseDocument(html).Body?.TextContent.Trim() ?? string.Empty : string.Empty;
    }
}

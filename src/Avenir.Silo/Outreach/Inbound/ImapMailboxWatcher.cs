using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using Avenir.Silo.Outreach.Sending;

namespace Avenir.Silo.Outreach.Inbound;

/// <summary>Where a scan of one folder stopped: the next scan reads only UIDs above <paramref name="LastUid"/>.</summary>
/// <param name="UidValidity">When the server changes it, UIDs were renumbered: the folder is read again from the start
/// (messages already ours carry the processed keyword and are skipped).</param>
public sealed record ImapFolderCursor(string Folder, uint UidValidity, uint LastUid);

/// <summary>One message of ours found by a scan.</summary>
public sealed record InboundMailEvent(string Folder, uint Uid, DateTimeOffset? ReceivedAt, InboundClassification Classification);

/// <summary>The answer of a scan: the events to record, and the cursors to store for the next scan.</summary>
/// <param name="Examined">Messages looked at (headers fetched).</param>
/// <param name="Untouched">Of those, the ones that were not ours and were left exactly as they were.</param>
public sealed record ImapScanResult(IReadOnlyList<ImapFolderCursor> Cursors, IReadOnlyList<InboundMailEvent> Events, int Examined, int Untouched);

/// <summary>
/// Reads a sending mailbox over IMAP for replies, automatic replies, bounces and unsubscribe requests to our emails.
/// </summary>
/// <remarks>
/// It only reads: headers and bodies are fetched with <c>BODY.PEEK</c> (MailKit's fetches never set <c>\Seen</c>), and
/// nothing is moved, deleted or expunged. A message is <em>ours</em> when the classifier ties it to a Message-ID we sent
/// (or it carries a valid unsubscribe token); ours, and only ours, get the <see cref="ImapMailboxOptions.ProcessedKeyword"/>
/// keyword so a later full rescan skips them; \Seen stays as it was, so the salesperson still sees the reply as new.
/// Everything else is left exactly as found: no flag, no keyword. The watcher keeps no state: the caller (one grain
/// per mailbox) stores the cursors and records events idempotently (by the incoming Message-ID).
/// </remarks>
public sealed class ImapMailboxWatcher(InboundMessageClassifier classifier, ILogger<ImapMailboxWatcher> logger)
{
    public async Task<ImapScanResult> ScanAsync(
        ImapMailboxOptions mailbox,
        IReadOnlyList<ImapFolderCursor> cursors,
        Func<string, bool> isOurMessageId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(cursors);
        var security = MailSecurityPolicy.Resolve(mailbox.Host, mailbox.Port, mailbox.Security, mailbox.AllowPlaintextToRemoteHost, 993);
        using var client = new ImapClient { Timeout = (int)mailbox.Timeout.TotalMilliseconds };
        await client.ConnectAsync(mailbox.Host, mailbox.Port, security, cancellationToken);
        await client.AuthenticateAsync(mailbox.Username, mailbox.Password, cancellationToken);

        var nextCursors = new List<ImapFolderCursor>();
        var events = new List<InboundMailEvent>();
        var examined = 0;
        var untouched = 0;
        foreach (var name in mailbox.Folders)
        {
            var folder = await client.GetFolderAsync(name, cancellationToken);
            var previous = cursors.FirstOrDefault(c => string.Equals(c.Folder, name, StringComparison.Ordinal));
            var scan = await ScanFolderAsync(folder, mailbox, previous, isOurMessageId, cancellationToken);
            nextCursors.Add(scan.Cursor);
            events.AddRange(scan.Events);
            examined += scan.Examined;
            untouched += scan.Examined - scan.Events.Count;
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return new ImapScanResult(nextCursors, events, examined, untouched);
    }

    private async Task<(ImapFolderCursor Cursor, List<InboundMailEvent> Events, int Examined)> ScanFolderAsync(
        IMailFolder folder, ImapMailboxOptions mailbox, ImapFolderCursor? previous, Func<string, bool> isOurMessageId, CancellationToken cancellationToken)
    {
        // Read-write only to be able to set our keyword on our messages; the IMAP select itself changes no flag. A folder we may
        // not write is still read (EXAMINE): ours are then found again only through the cursor.
        var writable = true;
        try
        {
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        }
        catch (ImapCommandException refused)
        {
            logger.LogInformation("{Folder} cannot be opened read-write ({Reason}); reading it read-only", folder.FullName, refused.Message);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            writable = false;
        }

        var validity = folder.UidValidity;
        var after = previous is not null && previous.UidValidity == validity ? previous.LastUid : 0u;
        var events = new List<InboundMailEvent>();
        if (folder.Count == 0)
        {
            await folder.CloseAsync(expunge: false, cancellationToken);
            return (new ImapFolderCursor(folder.FullName, validity, after), events, 0);
        }

        var query = SearchQuery.Uids(new UniqueIdRange(new UniqueId(validity, after + 1), UniqueId.MaxValue))
            .And(SearchQuery.NotKeyword(mailbox.ProcessedKeyword));
        // "n:*" also matches the highest UID when n is above it (RFC 3501 §6.4.8): keep only UIDs above the cursor.
        var uids = (await folder.SearchAsync(query, cancellationToken))
            .Where(uid => uid.Id > after)
            .OrderBy(uid => uid.Id)
            .Take(Math.Max(1, mailbox.BatchSize))
            .ToList();
        var last = after;
        if (uids.Count > 0)
        {
            var request = new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate)
            {
                Headers = HeaderSet.All,
            };
            var summaries = await folder.FetchAsync(uids, request, cancellationToken);
            var ours = new List<UniqueId>();
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                var headers = summary.Headers ?? [];
                InboundClassification classification;
                try
                {
                    if (InboundMessageClassifier.NeedsBody(headers) && summary.Size <= (uint)mailbox.MaxMessageBytes)
                    {
                        using var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken); // BODY.PEEK[]
                        classification = classifier.Classify(message, isOurMessageId);
                    }
                    else
                    {
                        using var message = new MimeMessage(headers);
                        classification = classifier.Classify(message, isOurMessageId);
                    }
                }
                catch (Exception unreadable) when (unreadable is FormatException or ParseException or ArgumentException or InvalidOperationException)
                {
                    // One malformed message must not stop the mailbox forever: it is left untouched and passed over.
                    logger.LogWarning(unreadable, "{Folder} UID {Uid} could not be read; left untouched", folder.FullName, summary.UniqueId.Id);
                    last = Math.Max(last, summary.UniqueId.Id);
                    continue;
                }

                if (classification.IsOurs)
                {
                    ours.Add(summary.UniqueId);
                    events.Add(new InboundMailEvent(folder.FullName, summary.UniqueId.Id, summary.InternalDate, classification));
                }

                last = Math.Max(last, summary.UniqueId.Id);
            }

            last = Math.Max(last, uids[^1].Id);
            if (ours.Count > 0 && writable && CanKeepKeywords(folder))
            {
                await folder.StoreAsync(
                    ours,
                    new StoreFlagsRequest(StoreAction.Add, MessageFlags.None) { Keywords = { mailbox.ProcessedKeyword }, Silent = true },
                    cancellationToken);
            }
            else if (ours.Count > 0)
            {
                logger.LogInformation("{Folder} keeps no keywords: ours are found again only by the cursor", folder.FullName);
            }
        }

        await folder.CloseAsync(expunge: false, cancellationToken);
        return (new ImapFolderCursor(folder.FullName, validity, last), events, uids.Count);
    }

    private static bool CanKeepKeywords(IMailFolder folder) =>
        folder.PermanentFlags.HasFlag(MessageFlags.UserDefined) || folder.PermanentKeywords.Count > 0;
}

using Avenir.Silo.Outreach.Inbound;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>
/// The IMAP watcher against a real IMAP server (Dovecot): it reports our replies, automatic replies and bounces, marks
/// only those with its keyword, never sets \Seen, never deletes, and leaves everything else exactly as it was.
/// </summary>
public sealed class ImapWatcherTests(DovecotTestServer dovecot) : IClassFixture<DovecotTestServer>
{
    private const string Keyword = "$AvenirProcessed";
    private readonly OutreachTestKit kit = new();
    private readonly string user = "marc-" + Guid.NewGuid().ToString("N")[..8];

    private ImapMailboxOptions Mailbox => new()
    {
        Host = "127.0.0.1",
        Port = dovecot.Port,
        Username = user,
        Password = DovecotTestServer.Password,
        Timeout = TimeSpan.FromSeconds(20),
    };

    private ImapMailboxWatcher Watcher() => new(new InboundMessageClassifier(kit.Tokens), NullLogger<ImapMailboxWatcher>.Instance);

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", dovecot.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, DovecotTestServer.Password);
        return client;
    }

    /// <summary>Puts corpus files in the inbox (IMAP APPEND) with the flags a person may already have set.</summary>
    private async Task AppendAsync(params (string File, MessageFlags Flags)[] messages)
    {
        using var client = await ConnectAsync();
        foreach (var (file, flags) in messages)
        {
            await client.Inbox.AppendAsync(new AppendRequest(MimeMessage.Load(InboundClassifierTests.CorpusPath(file)), flags));
        }

        await client.DisconnectAsync(true);
    }

    /// <summary>Every message's Message-ID with its flags and keywords, as the server has them now.</summary>
    private async Task<Dictionary<string, (MessageFlags Flags, string[] Keywords)>> SnapshotAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var all = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope);
        await client.DisconnectAsync(true);
        return all.ToDictionary(
            m => m.Envelope!.MessageId!,
            m => (m.Flags!.Value & ~MessageFlags.Recent, m.Keywords.Order(StringComparer.Ordinal).ToArray()),
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task Ours_are_reported_and_keyworded_and_the_rest_is_left_exactly_as_it_was()
    {
        await AppendAsync(
            ("reply-gmail-en.eml", MessageFlags.None),
            ("newsletter-unrelated.eml", MessageFlags.None),
            ("ooo-outlook-en.eml", MessageFlags.None),
            ("reply-to-someone-else.eml", MessageFlags.Seen | MessageFlags.Flagged),
            ("dsn-postfix-rfc822-headers.eml", MessageFlags.None),
            ("bounce-not-ours.eml", MessageFlags.None),
            ("bounce-qmail-text.eml", MessageFlags.Flagged),
            ("reply-outlook-fr.eml", MessageFlags.Seen));
        var before = await SnapshotAsync();

        var scan = await Watcher().ScanAsync(Mailbox, [], InboundClassifierTests.Ours.Contains, CancellationToken.None);

        Assert.Equal(
            [
                (InboundKind.Reply, InboundClassifierTests.First),
                (InboundKind.AutomaticReply, InboundClassifierTests.ToJean),
                (InboundKind.Bounce, InboundClassifierTests.First),
                (InboundKind.Bounce, InboundClassifierTests.ToJean),
                (InboundKind.Reply, InboundClassifierTests.FollowUp),
            ],
            scan.Events.Select(e => (e.Classification.Kind, e.Classification.OriginalMessageId)));
        Assert.Equal((8, 3), (scan.Examined, scan.Untouched));
        Assert.Equal(BounceSeverity.Hard, scan.Events[2].Classification.Bounce!.Severity);
        Assert.All(scan.Events, e => Assert.Equal("INBOX", e.Folder));

        var after = await SnapshotAsync();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal)); // nothing deleted
        var ours = scan.Events.Select(e => e.Classification.MessageId!).ToHashSet(StringComparer.Ordinal);
        foreach (var (messageId, (flags, keywords)) in after)
        {
            Assert.Equal(before[messageId].Flags, flags); // \Seen neither set nor cleared, \Flagged kept, no \Deleted
            Assert.Equal(ours.Contains(messageId) ? [.. before[messageId].Keywords, Keyword] : before[messageId].Keywords, keywords);
        }

        Assert.Equal(MessageFlags.None, after["qmail-bounce-1@mail.example.net"].Flags & MessageFlags.Seen);
        Assert.Equal(MessageFlags.Seen | MessageFlags.Flagged, after["paul-reply@example.org"].Flags);
    }

    [Fact]
    public async Task The_cursor_makes_the_next_scan_read_only_new_mail()
    {
        await AppendAsync(("reply-gmail-en.eml", MessageFlags.None), ("newsletter-unrelated.eml", MessageFlags.None));
        var first = await Watcher().ScanAsync(Mailbox, [], InboundClassifierTests.Ours.Contains, CancellationToken.None);

        var nothingNew = await Watcher().ScanAsync(Mailbox, first.Cursors, InboundClassifierTests.Ours.Contains, CancellationToken.None);
        await AppendAsync(("dsn-gmail-rfc822.eml", MessageFlags.None), ("reply-to-someone-else.eml", MessageFlags.None));
        var next = await Watcher().ScanAsync(Mailbox, nothingNew.Cursors, InboundClassifierTests.Ours.Contains, CancellationToken.None);

        var cursor = Assert.Single(first.Cursors);
        Assert.Equal(("INBOX", 2u), (cursor.Folder, cursor.LastUid));
        Assert.Equal((0, 0), (nothingNew.Examined, nothingNew.Events.Count));
        Assert.Equal(cursor, Assert.Single(nothingNew.Cursors));
        Assert.Equal(2, next.Examined);
        var bounce = Assert.Single(next.Events);
        Assert.Equal((InboundKind.Bounce, InboundClassifierTests.ToJean, 3u),
            (bounce.Classification.Kind, bounce.Classification.OriginalMessageId, bounce.Uid));
        Assert.Equal(4u, Assert.Single(next.Cursors).LastUid);
    }

    [Fact]
    public async Task A_full_rescan_skips_what_is_already_ours_and_still_touches_nothing_else()
    {
        await AppendAsync(
            ("ooo-gmail-vacation-fr.eml", MessageFlags.None),
            ("reply-to-someone-else.eml", MessageFlags.None),
            ("reply-auto-submitted-no.eml", MessageFlags.None));
        var first = await Watcher().ScanAsync(Mailbox, [], InboundClassifierTests.Ours.Contains, CancellationToken.None);
        var before = await SnapshotAsync();

        var rescan = await Watcher().ScanAsync(Mailbox, [], InboundClassifierTests.Ours.Contains, CancellationToken.None);

        Assert.Equal([InboundKind.AutomaticReply, InboundKind.Reply], first.Events.Select(e => e.Classification.Kind));
        Assert.Empty(rescan.Events);
        Assert.Equal(1, rescan.Examined); // only the message that is not ours is looked at again
        Assert.Equal(before, await SnapshotAsync(), new SnapshotComparer());
    }

    [Fact]
    public async Task The_server_never_saw_a_store_of_Seen_or_an_expunge()
    {
        await AppendAsync(("reply-gmail-en.eml", MessageFlags.None), ("newsletter-unrelated.eml", MessageFlags.None));

        await Watcher().ScanAsync(Mailbox, [], InboundClassifierTests.Ours.Contains, CancellationToken.None);

        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(2, client.Inbox.Count);
        Assert.Empty(await client.Inbox.SearchAsync(SearchQuery.Seen));
        Assert.Empty(await client.Inbox.SearchAsync(SearchQuery.Deleted));
        Assert.Single(await client.Inbox.SearchAsync(SearchQuery.HasKeyword(Keyword)));
    }

    private sealed class SnapshotComparer : IEqualityComparer<Dictionary<string, (MessageFlags Flags, string[] Keywords)>>
    {
        public bool Equals(Dictionary<string, (MessageFlags Flags, string[] Keywords)>? x, Dictionary<string, (MessageFlags Flags, string[] Keywords)>? y) =>
            x is not null && y is not null && x.Count == y.Count
            && x.All(kv => y.TryGetValue(kv.Key, out var other)
                && other.Flags == kv.Value.Flags
                && other.Keywords.SequenceEqual(kv.Value.Keywords, StringComparer.Ordinal));

        public int GetHashCode(Dictionary<string, (MessageFlags Flags, string[] Keywords)> obj) => obj.Count;
    }
}

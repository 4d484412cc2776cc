namespace Avenir.Grains.Outreach.Mailboxes;

/// <summary>The mailbox grain's Orleans state: its sends of the last 24 hours and its IMAP cursors (no table holds them).</summary>
[GenerateSerializer, Alias("Avenir.Grains.Outreach.Mailboxes.OutreachMailboxState")]
public sealed class OutreachMailboxState
{
    [Id(0)]
    public List<DateTimeOffset> Sends { get; set; } = [];

    [Id(1)]
    public List<MailboxFolderCursor> Cursors { get; set; } = [];
}

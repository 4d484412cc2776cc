using Avenir.Grains.Outreach.Campaigns;
using Avenir.Grains.Outreach.Sending;
using Orleans.Runtime;

namespace Avenir.Grains.Outreach.Mailboxes;

/// <inheritdoc cref="IOutreachMailboxGrain"/>
/// <remarks>
/// Orleans runs one activation per mailbox in the cluster and its calls one at a time, so check-then-record is atomic
/// across silos. The instant is written to storage before the permit is returned: a crash after a send cannot forget it
/// (a crash before the send wastes one slot, the safe side).
/// </remarks>
public sealed class OutreachMailboxGrain(
    [PersistentState("outreachMailbox", GrainStorage.Name)] IPersistentState<OutreachMailboxState> state,
    MailboxSendLimiter limiter,
    IMailboxLimits limits,
    TimeProvider time) : Grain, IOutreachMailboxGrain
{
    private string MailboxId => this.GetPrimaryKeyString();

    public async Task<MailboxPermit> ReserveSendAsync(CampaignWindow window, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (limits.For(MailboxId) is not { } values)
        {
            return new(false, DateTimeOffset.MaxValue, "unknown_mailbox", 0);
        }

        var zone = ZonedTime.Find(timeZone) ?? TimeZoneInfo.Utc;
        var sending = new SendingLimits(values.DailyLimit, values.MinimumSpacing, values.MaximumJitter, CampaignRules.Window(window));
        var permission = limiter.Check(MailboxId, sending, state.State.Sends, zone);
        if (!permission.Allowed)
        {
            return new(false, permission.NextAllowedAt, Reason(permission.Reason), permission.SentInLast24Hours);
        }

        var now = time.GetUtcNow();
        state.State.Sends = [.. limiter.Prune(state.State.Sends.Append(now))];
        await state.WriteStateAsync();
        return new(true, now, "none", permission.SentInLast24Hours + 1);
    }

    public async Task CompleteSendAsync(DateTimeOffset reservedAt)
    {
        var index = state.State.Sends.IndexOf(reservedAt);
        var now = time.GetUtcNow();
        if (index < 0 || now <= reservedAt)
        {
            return; // already pruned (older than the period) or nothing to move
        }

        state.State.Sends[index] = now;
        state.State.Sends.Sort();
        await state.WriteStateAsync();
    }

    public Task<MailboxUsage> GetUsageAsync()
    {
        var recent = limiter.Prune(state.State.Sends);
        return Task.FromResult(new MailboxUsage(
            MailboxId, limits.For(MailboxId)?.DailyLimit ?? 0, recent.Count, recent.Count == 0 ? null : recent[^1]));
    }

    public Task<IReadOnlyList<MailboxFolderCursor>> GetCursorsAsync() => Task.FromResult<IReadOnlyList<MailboxFolderCursor>>([.. state.State.Cursors]);

    public async Task SaveCursorsAsync(IReadOnlyList<MailboxFolderCursor> cursors)
    {
        state.State.Cursors = [.. cursors];
        await state.WriteStateAsync();
    }

    private static string Reason(SendBlock block) => block switch
    {
        SendBlock.DailyLimit => "daily_limit",
        SendBlock.Spacing => "spacing",
        SendBlock.OutsideWindow => "outside_window",
        _ => "none",
    };
}

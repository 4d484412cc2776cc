using Avenir.Contracts.Jobs;
using Avenir.Contracts.Outreach;
using Avenir.Silo.Jobs;
using Avenir.Silo.Outreach.Sending;

namespace Avenir.Silo.Outreach.Campaigns;

/// <summary>
/// Every <see cref="CheckInterval"/>: a <c>bulk_email</c> pass per active campaign and an <c>outreach_inbound</c> scan per
/// mailbox with IMAP, each with a dedupe key naming the period, so however many silos run each runs once per period.
/// </summary>
public sealed class OutreachJobsScheduler(
    JobQueue queue, OutreachInboundQueries queries, IOptionsMonitor<OutreachOptions> options, TimeProvider time, ILogger<OutreachJobsScheduler> logger)
    : PeriodicJobScheduler(CheckInterval, "the outreach jobs", time, logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    public static string Period(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    protected override async Task EnqueueDueJobsAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        foreach (var campaign in await queries.ActiveCampaignsAsync(cancellationToken))
        {
            await queue.EnqueueAsync(JobTypes.BulkEmail, new BulkEmailPayload(campaign), now, $"{campaign:N}:{Period(now)}",
                maxAttempts: 2, timeoutSeconds: 240, cancellationToken: cancellationToken);
        }

        // Mailboxes every 5 minutes: replies need not be seen sooner, and each scan logs in to the mail server.
        var scanPeriod = Period(now.AddMinutes(-(now.UtcDateTime.Minute % 5)));
        foreach (var id in options.CurrentValue.Mailboxes.Where(m => !string.IsNullOrEmpty(m.Value.Imap.Host)).Select(m => m.Key))
        {
            await queue.EnqueueAsync(JobTypes.OutreachInbound, new OutreachInboundPayload(id), now, $"{id}:{scanPeriod}",
                maxAttempts: 2, timeoutSeconds: 240, cancellationToken: cancellationToken);
        }
    }
}

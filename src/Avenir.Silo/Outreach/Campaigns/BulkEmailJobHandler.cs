using Avenir.Contracts.Jobs;
using Avenir.Contracts.Outreach;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Outreach.Campaigns;

/// <summary>
/// <c>bulk_email</c>: one pass of <see cref="CampaignSendRunner"/> over a campaign's due emails. Idempotent: an email
/// the campaign recorded as sent is no longer due; the mailbox grain counts each send before it happens.
/// </summary>
public sealed class BulkEmailJobHandler(CampaignSendRunner runner) : IJobHandler
{
    /// <summary>Emails per pass; with the mailbox spacing few go per pass anyway.</summary>
    public const int EmailsPerPass = 50;

    public string JobType => JobTypes.BulkEmail;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<BulkEmailPayload>();
        var pass = await runner.SendDueAsync(payload.CampaignId, EmailsPerPass, cancellationToken);
        return JobResult.Completed(pass);
    }
}

using Avenir.Silo.Jobs;

namespace Avenir.Silo.Hosting;

/// <summary>The silo's durable work: the job queue and its workers, the lead jobs, outgoing mail.</summary>
public static class JobHostingExtensions
{
    /// <summary>
    /// Job workers (<c>Jobs:*</c>), the <c>lead_enrichment</c> and <c>lead_auto_reply</c> handlers and SMTP mail
    /// (<c>Email:*</c>). The enrichment engine (<c>ILeadEnrichmentEngine</c>) is registered separately.
    /// Later job types add themselves with <c>services.AddJobHandler&lt;T&gt;()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAvenirJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddJobQueue();
        builder.Services.AddHostedService<JobWorkerService>();
        builder.Services.AddAvenirEmail();
        builder.Services.AddLeadEnrichmentJob();
        builder.Services.AddAutoReply();
        builder.Services.AddGrowthAnalysis();
        builder.Services.AddOutreachCampaigns(); // bulk_email, outreach_inbound (Outreach:*; docs/outreach-campaigns.md)
        builder.Services.AddProspectJobs(); // prospect_discovery, _form_test, _similarity, _rescore, daily_prospect_queue (docs/prospects.md)
        builder.Services.AddDailyProspectQueueScheduler();
        return builder;
    }
}

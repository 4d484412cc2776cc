using Avenir.Contracts.Jobs;

namespace Avenir.Benchmarks;

/// <summary>The enrichment mode's statements on the queue (<see cref="EnrichmentBenchmark"/>), as the database owner.</summary>
internal static class BacklogRows
{
    /// <summary>Enrichment only: the backlog's auto-reply jobs leave the queue before the workers start.</summary>
    public const string DropAutoReplies = $"DELETE FROM queue_jobs WHERE job_type = '{JobTypes.LeadAutoReply}'";

    /// <summary>Enrichment jobs that reached an end (completed, or failed for good).</summary>
    public const string EnrichmentsDone =
        $"SELECT count(*) FROM queue_jobs WHERE job_type = '{JobTypes.LeadEnrichment}' AND status IN ('completed', 'failed')";
}

using Avenir.Contracts.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Infrastructure.Metrics;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Summaries;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Enrichment;

/// <summary>The per-lead end of <see cref="LeadEnrichmentJobHandler"/>: summary, translation, and the result applied through the lead's grain.</summary>
public sealed partial class LeadEnrichmentJobHandler
{
    private async Task<JobResult> ApplyAsync(EnrichmentWork work, CancellationToken cancellationToken)
    {
        var (job, lead, request, result, leadGrain) = (work.Job.Job, work.Lead!, work.Request!, work.Result!, work.Grain!);
        // The LLM's guarded abstractive summary when one is configured (LeadSummaryWriter), else the engine's own. Progress is
        // reported only ahead of that step, which can take seconds; without it the job ends within milliseconds of the model.
        var writer = services.GetService<LeadSummaryWriter>();
        if (writer is not null)
        {
            await job.ReportProgressAsync(50, "Enriched; summarising.", cancellationToken);
        }

        var summary = writer is null ? LeadSummary.Of(result) : await writer.WriteAsync(request, result, cancellationToken);
        var translation = await TranslateAsync(summary, lead.Id, cancellationToken);
        if (writer is not null)
        {
            await job.ReportProgressAsync(70, "Summarised; recording.", cancellationToken);
        }

        var applied = await leadGrain.ApplyEnrichmentAsync(new LeadEnrichment
        {
            JobId = job.JobId,
            // Another language is stored as such, with its code: never silently English or French.
            Language = result.IsOtherLanguage ? LeadLanguages.Other : result.Language,
            DetectedLanguage = result.DetectedLanguage,
            SummarySource = summary.Source,
            SummaryLanguage = summary.Language,
            SummaryTranslation = translation?.Text,
            SummaryTranslationLanguage = translation?.Language,
            Intent = result.Intent,
            Tone = result.Tone,
            Urgency = result.Urgency,
            Confidence = Math.Round((decimal)Math.Clamp(result.Confidence, 0, 1), 3),
            Summary = summary.Text,
            Model = string.IsNullOrWhiteSpace(result.Model) ? work.ModelName : result.Model,
            LatencyMs = work.Latency.TotalMilliseconds,
            SourceComponent = work.SourceComponent,
        });
        if (applied && summary.Fallback is { } fallback)
        {
            await leadGrain.RecordAiFallbackAsync(fallback);
        }

        if (applied)
        {
            var key = new MetricKey(
                PerformanceMetricNames.LeadProcessing, PerformanceMetricNames.IntakeToEnriched, PerformanceMetricNames.LeadPipeline, work.Payload!.ClientId);
            recorder?.Record(key, Math.Max(0, (time.GetUtcNow() - lead.CreatedAt).TotalMilliseconds));
        }

        logger.LogInformation("Lead {LeadId} enriched by {Model} in {Latency} ms: {Language}, {Intent}, {Urgency} ({Confidence:0.00}){Repeat}",
            lead.Id, result.Model, (long)work.Latency.TotalMilliseconds, result.DetectedLanguage, result.Intent, result.Urgency, result.Confidence,
            applied ? "" : " (already applied by this job)");
        return JobResult.Completed(new
        {
            applied,
            model = result.Model,
            result.Language,
            detectedLanguage = result.DetectedLanguage,
            summarySource = summary.Source,
            summaryTranslated = translation is not null,
            result.Intent,
            result.Tone,
            result.Urgency,
            result.Confidence,
            latencyMs = Math.Round(work.Latency.TotalMilliseconds, 1),
        });
    }

    /// <summary>One job's lead as it goes through the batch: read, enriched, then applied (or its outcome or error set on the way).</summary>
    private sealed class EnrichmentWork(BatchedJob job)
    {
        public BatchedJob Job { get; } = job;

        public LeadJobPayload? Payload { get; set; }

        public ILeadGrain? Grain { get; set; }

        public LeadSnapshot? Lead { get; set; }

        public LeadEnrichmentRequest? Request { get; set; }

        public LeadEnrichmentResult? Result { get; set; }

        public TimeSpan Latency { get; set; }

        public string ModelName { get; set; } = "";

        public string SourceComponent { get; set; } = "";

        /// <summary>Set when the job ended before enrichment (its lead deleted).</summary>
        public JobAttemptOutcome? Outcome { get; set; }

        public Exception? Error { get; set; }
    }
}

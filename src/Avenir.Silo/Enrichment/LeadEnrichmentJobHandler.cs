using Avenir.Contracts.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Grains.Jobs;
using Avenir.Infrastructure.Metrics;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Summaries;
using Avenir.Silo.Intelligence.Translation;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Enrichment;

/// <summary>
/// <c>lead_enrichment</c>: runs the enrichment engine on the lead's message outside any grain call (a model
/// or an LLM may take longer than Orleans' 30 s call timeout; the job's budget is 300 s), then applies the
/// result through the lead's grain, which writes the lead and the prediction log in one transaction, once per
/// job. The engine's latency (success or failure) and the lead's intake-to-enriched time go to the in-process
/// <see cref="PerformanceRecorder"/> (aggregated, written in batches), when one is registered.
/// </summary>
public sealed class LeadEnrichmentJobHandler(
    IGrainFactory grains,
    IServiceProvider services,
    TimeProvider time,
    ILogger<LeadEnrichmentJobHandler> logger,
    PerformanceRecorder? recorder = null) : IJobHandler
{
    public string JobType => JobTypes.LeadEnrichment;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<LeadJobPayload>();
        var leadGrain = grains.GetLeadGrain(payload.ClientId, payload.LeadId);
        try
        {
            var lead = await leadGrain.GetAsync();
            if (lead is null)
            {
                return JobResult.Completed(new { applied = false, reason = "The lead does not exist (deleted?)." });
            }

            // Resolved here rather than injected: a silo without an engine still runs every other job type.
            var engine = services.GetService<ILeadEnrichmentEngine>()
                ?? throw new InvalidOperationException($"No {nameof(ILeadEnrichmentEngine)} is registered in this silo.");

            var started = time.GetTimestamp();
            var latencyKey = new MetricKey(
                PerformanceMetricNames.AiAnalysis, PerformanceMetricNames.EnrichmentLatency, SnakeCase(engine.GetType().Name), payload.ClientId);
            LeadEnrichmentResult result;
            // The form's declared language: a lead already marked 'other' declares nothing.
            var request = new LeadEnrichmentRequest(
                lead.Message, lead.Name, lead.Email, lead.Company, lead.Phone, EnrichmentLabels.IsLanguage(lead.Language) ? lead.Language : null)
            {
                ClientId = payload.ClientId,
                LeadId = payload.LeadId,
            };
            try
            {
                result = await engine.EnrichAsync(request, cancellationToken);
                Validate(result);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                recorder?.RecordElapsed(latencyKey, started, success: false);
                throw;
            }

            var latency = time.GetElapsedTime(started);
            recorder?.Record(latencyKey, latency.TotalMilliseconds);
            await job.ReportProgressAsync(50, "Enriched; summarising.", cancellationToken);

            var summary = await SummarizeAsync(request, result, cancellationToken);
            var translation = await TranslateAsync(summary, lead.Id, cancellationToken);
            await job.ReportProgressAsync(70, "Summarised; recording.", cancellationToken);

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
                Model = string.IsNullOrWhiteSpace(result.Model) ? engine.ModelName : result.Model,
                LatencyMs = latency.TotalMilliseconds,
                SourceComponent = latencyKey.SourceComponent,
            });
            if (applied && summary.Fallback is { } fallback)
            {
                await leadGrain.RecordAiFallbackAsync(fallback);
            }

            if (applied)
            {
                recorder?.Record(
                    new MetricKey(
                        PerformanceMetricNames.LeadProcessing, PerformanceMetricNames.IntakeToEnriched, PerformanceMetricNames.LeadPipeline, payload.ClientId),
                    Math.Max(0, (time.GetUtcNow() - lead.CreatedAt).TotalMilliseconds));
            }

            logger.LogInformation("Lead {LeadId} enriched by {Model} in {Latency} ms: {Language}, {Intent}, {Urgency} ({Confidence:0.00}){Repeat}",
                lead.Id, result.Model, (long)latency.TotalMilliseconds, result.DetectedLanguage, result.Intent, result.Urgency, result.Confidence,
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
                latencyMs = Math.Round(latency.TotalMilliseconds, 1),
            });
        }
        catch (Exception) when (job.IsLastAttempt && !cancellationToken.IsCancellationRequested)
        {
            // Giving up: say so on the lead, so the auto-reply stops waiting and the dashboard shows it.
            await leadGrain.MarkEnrichmentFailedAsync();
            throw;
        }
    }

    /// <summary>The LLM's guarded abstractive summary when one is configured (<see cref="LeadSummaryWriter"/>), else the engine's own.</summary>
    private async Task<LeadSummary> SummarizeAsync(LeadEnrichmentRequest request, LeadEnrichmentResult result, CancellationToken cancellationToken) =>
        services.GetService<LeadSummaryWriter>() is { } writer
            ? await writer.WriteAsync(request, result, cancellationToken)
            : LeadSummary.Of(result);

    /// <summary>
    /// The summary in the other dashboard language (en ↔ fr) through the translator — dictionary, cache, then the LLM —
    /// so the dashboard shows it in its language with the original one click away. Null when it could not be translated
    /// (no LLM, another language, a failure: the dashboard then shows the original).
    /// </summary>
    private async Task<TranslationResult?> TranslateAsync(LeadSummary summary, Guid leadId, CancellationToken cancellationToken)
    {
        if (services.GetService<ITranslator>() is not { } translator || LeadLanguages.Counterpart(summary.Language) is not { } target
            || string.IsNullOrWhiteSpace(summary.Text))
        {
            return null;
        }

        try
        {
            var translation = await translator.TranslateAsync(summary.Text, summary.Language, target, "lead_summary", cancellationToken);
            return translation is { Translated: true, Source: not TranslationSource.None } && !string.IsNullOrWhiteSpace(translation.Text)
                ? translation
                : null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Lead {LeadId}: the summary could not be translated into {Language}; the original is shown", leadId, target);
            return null;
        }
    }

    private static void Validate(LeadEnrichmentResult result)
    {
        if (!EnrichmentLabels.Languages.Contains(result.Language) || !EnrichmentLabels.Intents.Contains(result.Intent)
            || !EnrichmentLabels.Tones.Contains(result.Tone) || !EnrichmentLabels.Urgencies.Contains(result.Urgency)
            || double.IsNaN(result.Confidence)
            || result.DetectedLanguage is not { Length: 2 or 3 } code || !code.All(char.IsAsciiLetterLower))
        {
            throw new InvalidOperationException(
                "The enrichment engine answered labels outside the taxonomy: "
                + $"{result.Language} ({result.DetectedLanguage}), {result.Intent}, {result.Tone}, {result.Urgency}, {result.Confidence}.");
        }
    }

    /// <summary><c>LocalEnrichmentEngine</c> → <c>local_enrichment_engine</c> (performance_metrics.source_component).</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.Length > 0 && char.IsLetter(builder[0]) ? builder.ToString() : "lead_enrichment";
    }
}

using System.Runtime.ExceptionServices;
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
/// <remarks>
/// Several due jobs are run together (<see cref="IBatchJobHandler"/>): their leads are read concurrently, enriched in one
/// engine call (<see cref="ILeadEnrichmentEngine.EnrichBatchAsync"/>; the local model's encoder runs one text per ONNX run, which
/// was faster here than larger runs: decision 0003) and
/// applied concurrently, each through its own grain. Each job keeps its own outcome: a lead that cannot be read, enriched,
/// validated or applied fails its own attempt only; when the batch call itself throws, each lead is enriched alone.
/// </remarks>
public sealed partial class LeadEnrichmentJobHandler(
    IGrainFactory grains,
    IServiceProvider services,
    TimeProvider time,
    ILogger<LeadEnrichmentJobHandler> logger,
    PerformanceRecorder? recorder = null) : IBatchJobHandler
{
    /// <summary>
    /// Jobs claimed and run together: one claim, one engine call and one completion statement for up to this many leads, so the
    /// queue's own statements cost a worker little next to the model (decision 0003, "Batch inference").
    /// </summary>
    public const int BatchSize = 16;

    public string JobType => JobTypes.LeadEnrichment;

    /// <summary>Batches only for an engine with a batch path (the local model); one job at a time for an LLM.</summary>
    public int MaxBatchSize => services.GetService<ILeadEnrichmentEngine>() is { EnrichesInBatches: true } ? BatchSize : 1;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var outcome = (await HandleBatchAsync([new BatchedJob(job, cancellationToken)], cancellationToken))[0];
        if (outcome.Error is { } error)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }

        return outcome.Result!;
    }

    public async Task<IReadOnlyList<JobAttemptOutcome>> HandleBatchAsync(IReadOnlyList<BatchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var work = await Task.WhenAll(jobs.Select(LoadAsync));
        var toEnrich = work.Where(lead => lead.Outcome is null && lead.Error is null).ToList();
        if (toEnrich.Count > 0)
        {
            await EnrichAsync(toEnrich, cancellationToken);
        }

        return await Task.WhenAll(work.Select(FinishAsync));
    }

    /// <summary>Reads the job's lead; a lead deleted meanwhile completes the job as not applied.</summary>
    private async Task<EnrichmentWork> LoadAsync(BatchedJob job)
    {
        var work = new EnrichmentWork(job);
        try
        {
            var payload = job.Job.Payload<LeadJobPayload>();
            work.Payload = payload;
            work.Grain = grains.GetLeadGrain(payload.ClientId, payload.LeadId);
            work.Lead = await work.Grain.GetAsync();
            if (work.Lead is not { } lead)
            {
                work.Outcome = JobAttemptOutcome.Of(JobResult.Completed(new { applied = false, reason = "The lead does not exist (deleted?)." }));
                return work;
            }

            // The form's declared language: a lead already marked 'other' declares nothing.
            work.Request = new LeadEnrichmentRequest(
                lead.Message, lead.Name, lead.Email, lead.Company, lead.Phone, EnrichmentLabels.IsLanguage(lead.Language) ? lead.Language : null)
            {
                ClientId = payload.ClientId,
                LeadId = payload.LeadId,
            };
        }
        catch (Exception exception)
        {
            work.Error = exception;
        }

        return work;
    }

    /// <summary>
    /// One engine call for all the leads (a lone lead: <see cref="ILeadEnrichmentEngine.EnrichAsync"/>, as before batches). Each
    /// lead's latency is the call's: the time it waited for its enrichment.
    /// </summary>
    private async Task EnrichAsync(List<EnrichmentWork> work, CancellationToken cancellationToken)
    {
        // Resolved here rather than injected: a silo without an engine still runs every other job type.
        if (services.GetService<ILeadEnrichmentEngine>() is not { } engine)
        {
            work.ForEach(lead => lead.Error = new InvalidOperationException($"No {nameof(ILeadEnrichmentEngine)} is registered in this silo."));
            return;
        }

        if (work.Count == 1)
        {
            await EnrichAloneAsync(engine, work[0]);
            return;
        }

        var started = time.GetTimestamp();
        IReadOnlyList<LeadEnrichmentResult> results;
        try
        {
            results = await engine.EnrichBatchAsync([.. work.Select(lead => lead.Request!)], cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A lead the batch could not take must not fail the others: each alone, so that only its own attempt fails.
            foreach (var lead in work)
            {
                await EnrichAloneAsync(engine, lead);
            }

            return;
        }

        for (var i = 0; i < work.Count; i++)
        {
            Accept(engine, work[i], started, () => results[i]);
        }
    }

    private async Task EnrichAloneAsync(ILeadEnrichmentEngine engine, EnrichmentWork lead)
    {
        var started = time.GetTimestamp();
        LeadEnrichmentResult result;
        try
        {
            result = await engine.EnrichAsync(lead.Request!, lead.Job.Cancellation);
        }
        catch (Exception exception)
        {
            if (!lead.Job.Cancellation.IsCancellationRequested)
            {
                recorder?.RecordElapsed(LatencyKey(engine, lead), started, success: false);
            }

            lead.Error = exception;
            return;
        }

        Accept(engine, lead, started, () => result);
    }

    /// <summary>Validates the engine's answer for one lead and records its latency (a failure when the answer is invalid).</summary>
    private void Accept(ILeadEnrichmentEngine engine, EnrichmentWork lead, long started, Func<LeadEnrichmentResult> answer)
    {
        var key = LatencyKey(engine, lead);
        try
        {
            var result = answer();
            Validate(result);
            lead.Result = result;
            lead.Latency = time.GetElapsedTime(started);
            lead.ModelName = engine.ModelName;
            lead.SourceComponent = key.SourceComponent;
            recorder?.Record(key, lead.Latency.TotalMilliseconds);
        }
        catch (Exception exception)
        {
            recorder?.RecordElapsed(key, started, success: false);
            lead.Error = exception;
        }
    }

    private static MetricKey LatencyKey(ILeadEnrichmentEngine engine, EnrichmentWork lead) =>
        new(PerformanceMetricNames.AiAnalysis, PerformanceMetricNames.EnrichmentLatency, SnakeCase(engine.GetType().Name), lead.Payload!.ClientId);

    private async Task<JobAttemptOutcome> FinishAsync(EnrichmentWork lead)
    {
        if (lead.Outcome is { } done)
        {
            return done;
        }

        try
        {
            return lead.Error is { } error ? await FailAsync(lead, error) : JobAttemptOutcome.Of(await ApplyAsync(lead, lead.Job.Cancellation));
        }
        catch (Exception exception)
        {
            return await FailAsync(lead, exception);
        }
    }

    /// <summary>This lead's attempt failed; on its last attempt the lead says so, so the auto-reply stops waiting and the dashboard shows it.</summary>
    private static async Task<JobAttemptOutcome> FailAsync(EnrichmentWork lead, Exception error)
    {
        if (lead.Grain is { } grain && lead.Job.Job.IsLastAttempt && !lead.Job.Cancellation.IsCancellationRequested)
        {
            try
            {
                await grain.MarkEnrichmentFailedAsync();
            }
            catch (Exception marking)
            {
                return JobAttemptOutcome.Failed(marking);
            }
        }

        return JobAttemptOutcome.Failed(error);
    }

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

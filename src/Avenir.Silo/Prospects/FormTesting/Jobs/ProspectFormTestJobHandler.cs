using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Silo.Jobs;
using Avenir.Silo.Prospects.FormTesting.Analysis;
using Avenir.Silo.Prospects.FormTesting.Discovery;

namespace Avenir.Silo.Prospects.FormTesting.Jobs;

/// <summary>
/// <c>prospect_form_test</c>, one job per test in two phases. First run: visits the site and submits the inquiry
/// (<see cref="FormTestRunner.SubmitAsync"/>) and stores what was sent in the pending row. Every run after that (the job
/// reschedules itself every <see cref="FormTestOptions.PollInterval"/>, which spends no attempt) is one mailbox check
/// (<see cref="FormTestWatcher.CheckAsync"/>) until the answer or the timeout (48 h by default). The result is written
/// to the row once and given to the prospect's grain (<see cref="IProspectGrain.RecordFormTestAsync"/>), which
/// recomputes the score; a rerun after that only repeats the grain call, which is idempotent.
/// Without a mailbox (<c>Prospects:FormTests:Mailbox:Host</c>) nothing is submitted: an inquiry nobody can watch is
/// an e-mail to the prospect for nothing; the test fails <c>mailbox_not_configured</c>.
/// </summary>
public sealed class ProspectFormTestJobHandler(
    TenantDatabase database, FormTestRunner runner, IGrainFactory grains, TimeProvider time, IOptions<FormTestOptions> options,
    ILogger<ProspectFormTestJobHandler> logger, FormTestWatcher? watcher = null) : IJobHandler
{
    private const string Pending = "pending";

    public string JobType => ProspectJobTypes.FormTest;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<ProspectFormTestPayload>();
        ProspectFormTestJobRow? row;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            row = await ProspectFormTestJobRows.FindAsync(transaction, payload.TestId, cancellationToken);
        }

        if (row is null)
        {
            return JobResult.Completed(new { testId = payload.TestId, skipped = "no_such_test" });
        }

        if (row.TestStatus != Pending)
        {
            // Finished by an earlier run that stopped before the grain call: give the grain the stored result again.
            var formFound = row.Metadata.TryGetProperty("formFound", out var found) && found.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? found.GetBoolean()
                : (bool?)null;
            await RecordAsync(row, new ProspectFormTestSignal(row.TestStatus, row.AutoresponderTone ?? AutoresponderTones.None,
                (double?)row.ResponseTimeMinutes, formFound));
            return JobResult.Completed(new { testId = row.Id, status = row.TestStatus });
        }

        if (watcher is null)
        {
            return await FinishAsync(row, AutoresponderAnalyzer.Failed(row.Id.ToString("N"),
                "mailbox_not_configured: Prospects:FormTests:Mailbox:Host is not set, so no answer could be watched"), formFound: null, cancellationToken);
        }

        var submitted = row.Metadata.TryGetProperty("submitted", out var stored) ? stored.Deserialize<FormTestSubmitted>(Sql.Json) : null;
        if (submitted is null)
        {
            submitted = await runner.SubmitAsync(new FormTestRequest(row.Id.ToString("N"), row.VisitUrl, row.BusinessName), cancellationToken);
            await using var transaction = await database.BeginForSystemAsync(cancellationToken);
            await ProspectFormTestJobRows.SaveSubmittedAsync(transaction, row.Id, submitted, time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (await watcher.CheckAsync(submitted, cancellationToken) is not { } result)
        {
            var deadline = submitted.SubmittedAt!.Value + options.Value.Timeout;
            var wait = deadline - time.GetUtcNow();
            await job.ReportProgressAsync(0, "waiting for the answer", cancellationToken);
            return JobResult.Reschedule(wait < options.Value.PollInterval ? wait : options.Value.PollInterval, "waiting for the answer");
        }

        return await FinishAsync(row, result, FormFound(submitted), cancellationToken);
    }

    /// <summary>Whether the site had a contact form: a CAPTCHA or script-only form is one, an unreachable site says nothing.</summary>
    private static bool? FormFound(FormTestSubmitted submitted) => submitted.Submitted ? true : submitted.Refusal?.Reason switch
    {
        FormRefusalReason.NoContactForm => false,
        FormRefusalReason.Captcha or FormRefusalReason.JavaScriptOnly => true,
        _ => null,
    };

    private async Task<JobResult> FinishAsync(ProspectFormTestJobRow row, FormTestResult result, bool? formFound, CancellationToken cancellationToken)
    {
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            await ProspectFormTestJobRows.FinishAsync(transaction, row.Id, result, formFound, time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Form test {TestId} of {Domain}: {Status} {Reason} score {Score}",
            row.Id, row.Domain, result.Status, result.FailureReason, result.Score);
        await RecordAsync(row, new ProspectFormTestSignal(result.Status, result.AutoresponderTone, result.ResponseTimeMinutes, formFound));
        return JobResult.Completed(new
        {
            testId = row.Id, status = result.Status, score = result.Score, tone = result.AutoresponderTone, result.FailureReason,
        });
    }

    private async Task RecordAsync(ProspectFormTestJobRow row, ProspectFormTestSignal signal)
    {
        // Rows written by the grain have a normalised domain as website_domain; one that is not (written by hand) has no grain.
        if (ProspectDomain.TryParse(row.Domain, out var domain) && domain.Value == row.Domain)
        {
            await grains.GetGrain<IProspectGrain>(domain.Value).RecordFormTestAsync(signal);
        }
    }
}

using Avenir.Grains.Prospects;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Prospects.Queue;

/// <summary>
/// <c>daily_prospect_queue</c>: selects the day's prospects (<see cref="DailyProspectQueueRows.SelectAsync"/>) in one
/// transaction with the day's claim, so the day is selected once whether the job runs again (a retry, a second silo)
/// or another job names the same day; a run that finds the day done reports its count and changes nothing.
/// </summary>
public sealed class DailyProspectQueueJobHandler(
    TenantDatabase database, TimeProvider time, IOptions<DailyProspectQueueOptions> options, ILogger<DailyProspectQueueJobHandler> logger) : IJobHandler
{
    public string JobType => ProspectJobTypes.DailyQueue;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var day = job.Payload<DailyProspectQueuePayload>().Date;
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        if (!await DailyProspectQueueRows.ClaimDayAsync(transaction, day, job.JobId, time.GetUtcNow(), cancellationToken))
        {
            var existing = await DailyProspectQueueRows.SelectedAsync(transaction, day, cancellationToken) ?? 0;
            return JobResult.Completed(new DailyProspectQueueResult(day, existing, AlreadySelected: true));
        }

        var selected = await DailyProspectQueueRows.SelectAsync(transaction, day, Math.Max(1, options.Value.Size), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (selected < options.Value.Size)
        {
            logger.LogWarning("Daily prospect queue {Day}: only {Selected} of {Size} new prospects were available", day, selected, options.Value.Size);
        }

        return JobResult.Completed(new DailyProspectQueueResult(day, selected, AlreadySelected: false));
    }
}

using Avenir.Silo.Clients;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Learning;

/// <summary>
/// <c>feedback_cleanup</c> (daily): deletes the <c>feedback_tracking</c> rows whose <c>expires_at</c> has passed (a
/// year after they were written, by default), client by client and in batches, so one run never holds a long
/// transaction or scans the table without its <c>(client_id, expires_at)</c> index.
/// </summary>
public sealed class FeedbackCleanupJobHandler(
    TenantDatabase database,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<FeedbackCleanupJobHandler> logger) : IJobHandler
{
    public const string Type = "feedback_cleanup";

    public string JobType => Type;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = await DeleteExpiredAsync(now, cancellationToken);
        logger.LogInformation("Feedback cleanup: {Deleted} expired row(s) deleted", deleted);
        return JobResult.Completed(new { deleted, before = now });
    }

    /// <summary>Deletes every row with <c>expires_at &lt;= now</c>; returns how many.</summary>
    public async Task<long> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var batch = Math.Max(1, options.Value.BatchSize);
        long deleted = 0;
        foreach (var clientId in await ClientsAsync(cancellationToken))
        {
            int count;
            do
            {
                await using var transaction = await database.BeginForSystemAsync(cancellationToken);
                count = await FeedbackCleanupRows.DeleteExpiredAsync(transaction, clientId, now, batch, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                deleted += count;
            }
            while (count == batch);
        }

        return deleted;
    }

    /// <summary>Every client, and null for the agency-wide rows.</summary>
    private async Task<List<Guid?>> ClientsAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return [null, .. (await ClientQueries.AllIdsAsync(transaction, cancellationToken)).Select(id => (Guid?)id)];
    }
}

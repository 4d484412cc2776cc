using Npgsql;

namespace Avenir.Grains.Leads;

/// <summary>
/// Commits a group of one client's submissions in one tenant transaction of two round trips (lock and
/// search; writes and commit) and answers each submission after the commit. When that transaction fails,
/// every submission is retried in a transaction of its own, so one bad lead cannot fail the others.
/// </summary>
internal static class LeadIntakeWriter
{
    /// <summary>
    /// Answers every submission of <paramref name="leads"/> (one client's, in arrival order); never throws.
    /// <paramref name="committed"/> hears of the leads each transaction created, after its commit and before the
    /// answers, so that a caller answered 2xx finds its lead counted.
    /// </summary>
    public static async Task WriteAsync(
        TenantDatabase database, Guid clientId, IReadOnlyList<PendingLead> leads, Func<IReadOnlyList<PendingLead>, Task> committed, ILogger logger)
    {
        try
        {
            await CommitAsync(database, clientId, leads, committed);
            return;
        }
        catch (Exception exception) when (leads.Count > 1)
        {
            logger.LogWarning(exception, "A group commit of {Count} leads of client {ClientId} failed; committing them one by one", leads.Count, clientId);
        }
        catch (Exception exception)
        {
            await RetryAloneAsync(database, clientId, leads[0], committed, exception);
            return;
        }

        foreach (var lead in leads)
        {
            try
            {
                await CommitAsync(database, clientId, [lead], committed);
            }
            catch (Exception exception)
            {
                await RetryAloneAsync(database, clientId, lead, committed, exception);
            }
        }
    }

    /// <summary>
    /// A lead alone that lost a race on a unique key (a writer that does not take intake's locks) is looked
    /// up once more from a fresh transaction that sees the winner; anything else is the caller's error.
    /// </summary>
    private static async Task RetryAloneAsync(
        TenantDatabase database, Guid clientId, PendingLead lead, Func<IReadOnlyList<PendingLead>, Task> committed, Exception failure)
    {
        if (failure is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            try
            {
                await CommitAsync(database, clientId, [lead], committed);
                return;
            }
            catch (Exception again)
            {
                failure = again;
            }
        }

        lead.Failed(failure);
    }

    private static async Task CommitAsync(
        TenantDatabase database, Guid clientId, IReadOnlyList<PendingLead> leads, Func<IReadOnlyList<PendingLead>, Task> committed)
    {
        LeadIntakePlan plan;
        await using (var transaction = await database.BeginPipelineForClientAsync(clientId))
        {
            var (byKey, byContent) = await LeadIntakeRows.LockAndFindEarlierAsync(transaction, clientId, leads);
            plan = LeadIntakePlan.Resolve(leads, byKey, byContent);
            if (!plan.WritesNothing)
            {
                await LeadIntakeRows.WriteAndCommitAsync(transaction, clientId, plan);
            }
        }

        if (plan.Created.Count > 0)
        {
            await committed(plan.Created); // must not throw: the leads are committed whatever it does
        }

        // Answered only now: the transaction committed (or, writing nothing, every answer comes from committed rows).
        foreach (var (lead, result) in plan.Answers)
        {
            lead.Answered(result);
        }
    }
}

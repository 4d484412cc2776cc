using Npgsql;

namespace Avenir.Grains.Leads;

/// <summary>
/// Commits a group of submissions — of one client or of many — in one transaction of two round trips (lock and
/// search; writes and commit), every row under its own client's tenant scope, and answers each
/// submission after the commit. When that transaction fails, every submission is retried in a transaction of its
/// own, so one bad lead cannot fail the others, of its client or of any other (decision 0014).
/// </summary>
internal static class LeadIntakeWriter
{
    /// <summary>
    /// Answers every submission of <paramref name="leads"/> (in arrival order; any clients); never throws.
    /// <paramref name="committed"/> hears of the leads each transaction created, after its commit and before the
    /// answers, so that a caller answered 2xx finds its lead counted.
    /// </summary>
    public static async Task WriteAsync(
        TenantDatabase database, IReadOnlyList<PendingLead> leads, Func<IReadOnlyList<PendingLead>, Task> committed, ILogger logger)
    {
        try
        {
            await CommitAsync(database, leads, committed);
            return;
        }
        catch (Exception exception) when (leads.Count > 1)
        {
            logger.LogWarning(exception, "A group commit of {Count} leads of {Clients} clients failed; committing them one by one",
                leads.Count, leads.Select(l => l.ClientId).Distinct().Count());
        }
        catch (Exception exception)
        {
            await RetryAloneAsync(database, leads[0], committed, exception);
            return;
        }

        foreach (var lead in leads)
        {
            try
            {
                await CommitAsync(database, [lead], committed);
            }
            catch (Exception exception)
            {
                await RetryAloneAsync(database, lead, committed, exception);
            }
        }
    }

    /// <summary>
    /// A lead alone that lost a race on a unique key (a writer that does not take intake's locks) is looked
    /// up once more from a fresh transaction that sees the winner; anything else is the caller's error.
    /// </summary>
    private static async Task RetryAloneAsync(
        TenantDatabase database, PendingLead lead, Func<IReadOnlyList<PendingLead>, Task> committed, Exception failure)
    {
        if (failure is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            try
            {
                await CommitAsync(database, [lead], committed);
                return;
            }
            catch (Exception again)
            {
                failure = again;
            }
        }

        lead.Failed(failure);
    }

    private static async Task CommitAsync(TenantDatabase database, IReadOnlyList<PendingLead> leads, Func<IReadOnlyList<PendingLead>, Task> committed)
    {
        // Each client's submissions in their arrival order; the clients in the order their first submission arrived.
        var groups = leads.GroupBy(l => l.ClientId).Select(g => new LeadIntakeRows.ClientGroup(g.Key, [.. g])).ToArray();
        var plans = new List<(Guid ClientId, LeadIntakePlan Plan)>(groups.Length);
        await using (var transaction = await database.BeginPipelineForClientAsync(groups[0].ClientId))
        {
            var earlier = await LeadIntakeSearchRows.LockAndFindEarlierAsync(transaction, groups);
            foreach (var (group, (byKey, byContent)) in groups.Zip(earlier))
            {
                plans.Add((group.ClientId, LeadIntakePlan.Resolve(group.Leads, byKey, byContent)));
            }

            if (plans.Any(p => !p.Plan.WritesNothing))
            {
                await LeadIntakeRows.WriteAndCommitAsync(transaction, plans);
            }
        }

        var created = plans.SelectMany(p => p.Plan.Created).ToArray();
        if (created.Length > 0)
        {
            await committed(created); // must not throw: the leads are committed whatever it does
        }

        // Answered only now: the transaction committed (or, writing nothing, every answer comes from committed rows).
        foreach (var (lead, result) in plans.SelectMany(p => p.Plan.Answers))
        {
            lead.Answered(result);
        }
    }
}

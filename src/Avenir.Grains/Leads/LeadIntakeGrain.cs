using Orleans.Concurrency;

namespace Avenir.Grains.Leads;

/// <summary>
/// Group commit of one client's submissions on this silo (decision 0007). One activation per client and
/// silo takes every concurrent call (reentrant: it only queues and awaits); while a transaction is in
/// flight the submissions that arrive meanwhile wait, and the next transaction takes them all (a second
/// one starts alongside only when many wait: <see cref="LeadsForAnotherTransaction"/>). So a lone
/// lead is written at once, as before, and under load the per-transaction cost (round trips, statements,
/// the commit's WAL flush) is shared by many leads. No timer, no added wait. Once a transaction committed, the
/// client's grain hears of the leads it created (its counters and growth figures), then the senders are answered.
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class LeadIntakeGrain(TenantDatabase database, TimeProvider time, ILogger<LeadIntakeGrain> logger) : Grain, ILeadIntakeGrain
{
    /// <summary>Transactions of this client in flight at once from this silo: one fills while the other commits.</summary>
    internal const int MaxTransactionsInFlight = 2;

    /// <summary>
    /// A second transaction starts only once this many submissions wait; fewer wait for the first one's commit
    /// instead. On a CPU-bound database, fewer and larger transactions store more leads per second (the
    /// per-transaction cost is shared by more leads), and the wait is one short transaction.
    /// </summary>
    internal const int LeadsForAnotherTransaction = 4;

    /// <summary>At most this many submissions per transaction (bounded statements, bounded lock sets).</summary>
    internal const int MaxLeadsPerTransaction = 64;

    /// <summary>How long the senders of a committed transaction may wait for the client's grain to count their leads.</summary>
    internal static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(2);

    private readonly Queue<PendingLead> waiting = new();
    private int inFlight;

    private Guid ClientId => this.GetPrimaryKey();

    public Task<LeadIntakeResult> SubmitAsync(LeadIntake intake)
    {
        var lead = new PendingLead(Guid.CreateVersion7(), intake, time.GetUtcNow());
        waiting.Enqueue(lead);
        if (inFlight == 0 || (inFlight < MaxTransactionsInFlight && waiting.Count >= LeadsForAnotherTransaction))
        {
            inFlight++;
            _ = CommitWaitingAsync(); // answers every lead it takes; never throws
        }

        return lead.Answer;
    }

    /// <summary>
    /// Tells the client's grain of the leads a transaction created (its counters, <c>last_connection</c> and growth
    /// figures), one call per transaction, before their senders are answered: a 2xx means the lead is committed
    /// and counted. Bounded: a client grain that cannot answer within <see cref="NotifyTimeout"/> costs the senders
    /// that long, not the grain-call timeout; its counters are recounted from the tables within minutes.
    /// </summary>
    private async Task NotifyClientAsync(IReadOnlyList<PendingLead> created)
    {
        try
        {
            await GrainFactory.GetGrain<IClientGrain>(ClientId)
                .RecordLeadsCreatedAsync([.. created.Select(lead => new LeadStatus { ReceivedAt = lead.ReceivedAt, Language = lead.Intake.Lead.Language })])
                .WaitAsync(NotifyTimeout);
        }
        catch (Exception exception)
        {
            logger.LogWarning(
                exception, "Client {ClientId} was not told of {Count} new leads; its counters catch up at the next recount", ClientId, created.Count);
        }
    }

    /// <summary>Commits what is waiting, in transactions of up to <see cref="MaxLeadsPerTransaction"/>, until nothing is.</summary>
    private async Task CommitWaitingAsync()
    {
        try
        {
            while (waiting.Count > 0)
            {
                var leads = new List<PendingLead>(Math.Min(waiting.Count, MaxLeadsPerTransaction));
                while (leads.Count < MaxLeadsPerTransaction && waiting.TryDequeue(out var lead))
                {
                    leads.Add(lead);
                }

                await LeadIntakeWriter.WriteAsync(database, ClientId, leads, NotifyClientAsync, logger);
            }
        }
        finally
        {
            inFlight--;
        }
    }
}

namespace Avenir.Grains.Leads;

/// <summary>
/// Group commit of every client's submissions on this silo (decisions 0007, 0014): one queue per silo, shared by
/// the intake grains of all clients, so an agency's hundreds of clients each posting now and then share
/// transactions as one busy client does. Every row is still written under its own client's tenant scope (the
/// statements set the scope per row, <see cref="LeadIntakeRows"/>). A transaction starts at once when none is
/// in flight, so a lone lead is written as soon as it arrives; while one is in flight, arrivals wait, and the next
/// transaction takes them all (a second one starts alongside only when many wait: <see cref="LeadsForAnotherTransaction"/>).
/// No timer, no added wait. Once a transaction committed, each client's grain hears of the leads it created (its
/// counters and growth figures), then the senders are answered.
/// </summary>
public sealed class LeadIntakeQueue(TenantDatabase database, IGrainFactory grains, ILogger<LeadIntakeQueue> logger)
{
    /// <summary>Intake transactions in flight at once from this silo: one fills while the other commits.</summary>
    internal const int MaxTransactionsInFlight = 2;

    /// <summary>
    /// A second transaction starts only once this many submissions wait; fewer wait for the first one's commit
    /// instead. On a CPU-bound database, fewer and larger transactions store more leads per second (the
    /// per-transaction cost is shared by more leads), and the wait is one short transaction.
    /// </summary>
    internal const int LeadsForAnotherTransaction = 4;

    /// <summary>At most this many submissions per transaction (bounded statements, bounded lock sets).</summary>
    internal const int MaxLeadsPerTransaction = 64;

    /// <summary>How long the senders of a committed transaction may wait for their client's grain to count their leads.</summary>
    internal static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private readonly Queue<PendingLead> waiting = new();
    private int inFlight;

    /// <summary>Queues <paramref name="lead"/>; its answer completes once the transaction that decided it committed (or failed).</summary>
    internal Task<LeadIntakeResult> SubmitAsync(PendingLead lead)
    {
        bool start;
        lock (gate)
        {
            waiting.Enqueue(lead);
            start = inFlight == 0 || (inFlight < MaxTransactionsInFlight && waiting.Count >= LeadsForAnotherTransaction);
            if (start)
            {
                inFlight++;
            }
        }

        if (start)
        {
            // On the thread pool, not on the calling grain's scheduler: the loop serves every client's grain.
            _ = Task.Run(CommitWaitingAsync); // answers every lead it takes; never throws
        }

        return lead.Answer;
    }

    /// <summary>Commits what is waiting, in transactions of up to <see cref="MaxLeadsPerTransaction"/>, until nothing is.</summary>
    private async Task CommitWaitingAsync()
    {
        while (true)
        {
            List<PendingLead> leads;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    inFlight--;
                    return;
                }

                leads = new List<PendingLead>(Math.Min(waiting.Count, MaxLeadsPerTransaction));
                while (leads.Count < MaxLeadsPerTransaction && waiting.TryDequeue(out var lead))
                {
                    leads.Add(lead);
                }
            }

            await LeadIntakeWriter.WriteAsync(database, leads, NotifyClientsAsync, logger);
        }
    }

    /// <summary>
    /// Tells each client's grain of the leads a transaction created for it (its counters, <c>last_connection</c> and
    /// growth figures), one call per client and transaction, all at once, before their senders are answered: a 2xx
    /// means the lead is committed and counted. Bounded: a client grain that cannot answer within
    /// <see cref="NotifyTimeout"/> costs the senders that long, not the grain-call timeout; its counters are
    /// recounted from the tables within minutes.
    /// </summary>
    private Task NotifyClientsAsync(IReadOnlyList<PendingLead> created) =>
        Task.WhenAll(created.GroupBy(lead => lead.ClientId).Select(async client =>
        {
            try
            {
                await grains.GetGrain<IClientGrain>(client.Key)
                    .RecordLeadsCreatedAsync([.. client.Select(lead => new LeadStatus { ReceivedAt = lead.ReceivedAt, Language = lead.Intake.Lead.Language })])
                    .WaitAsync(NotifyTimeout);
            }
            catch (Exception exception)
            {
                logger.LogWarning(
                    exception, "Client {ClientId} was not told of {Count} new leads; its counters catch up at the next recount", client.Key, client.Count());
            }
        }));
}

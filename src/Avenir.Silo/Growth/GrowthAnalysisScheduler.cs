using Avenir.Infrastructure.Database;
using Avenir.Silo.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Growth;

/// <summary>
/// Enqueues one <c>intelligence_analysis</c> job per client per UTC ISO week: at start and then every hour it
/// enqueues the week's job of every client with the dedupe key <c>intelligence_analysis:{clientId}:{monday}</c>,
/// so however many silos run, each client is recomputed once a week.
/// </summary>
public sealed class GrowthAnalysisScheduler(
    TenantDatabase database, JobQueue queue, TimeProvider time, ILogger<GrowthAnalysisScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    public static string DedupeKey(Guid clientId, DateTimeOffset now) =>
        $"{GrowthAnalysisJobHandler.Type}:{clientId:N}:{GrowthWeeks.StartOf(now):yyyy-MM-dd}";

    /// <summary>Enqueues this week's job of every client that has none. Returns how many this call created.</summary>
    public async Task<int> EnqueueThisWeekAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Guid> clients;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            clients = await ClientQueries.AllIdsAsync(transaction, cancellationToken);
        }

        var now = time.GetUtcNow();
        var week = GrowthWeeks.StartOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = 0;
        foreach (var clientId in clients)
        {
            var id = await queue.EnqueueAsync(GrowthAnalysisJobHandler.Type, new GrowthAnalysisPayload(clientId, week), now,
                DedupeKey(clientId, now), maxAttempts: 3, timeoutSeconds: 120, cancellationToken: cancellationToken);
            created += id is null ? 0 : 1;
        }

        return created;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var created = await EnqueueThisWeekAsync(stoppingToken);
                if (created > 0)
                {
                    logger.LogInformation("Enqueued this week's growth analysis for {Count} client(s)", created);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not enqueue the weekly growth analysis; retrying in {Interval}", CheckInterval);
            }

            try
            {
                await Task.Delay(CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

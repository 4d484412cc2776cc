using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Avenir.Infrastructure.Metrics;

/// <summary>
/// Drains the <see cref="PerformanceRecorder"/> every <see cref="PerformanceMetricsOptions.FlushInterval"/> and once
/// more on shutdown, and writes the aggregates. Metrics are best effort: an interval that cannot be written (the
/// database is down) is logged and dropped rather than kept, so memory stays bounded during an outage.
/// </summary>
public sealed class PerformanceMetricsFlusher(
    PerformanceRecorder recorder,
    PerformanceMetricsWriter writer,
    IOptions<PerformanceMetricsOptions> options,
    TimeProvider time,
    ILogger<PerformanceMetricsFlusher> logger) : BackgroundService
{
    /// <summary>Writes what was recorded since the last flush; returns the number of rows.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var aggregates = recorder.Drain();
        if (aggregates.Count == 0)
        {
            return 0;
        }

        try
        {
            return await writer.WriteAsync(aggregates, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not write {Count} performance metric aggregate(s); this interval is dropped", aggregates.Count);
            return 0;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last interval: what was recorded since the previous flush, up to the moment the host stops.
        await FlushAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.FlushInterval > TimeSpan.Zero ? options.Value.FlushInterval : TimeSpan.FromSeconds(10);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the last interval.
        }
    }
}

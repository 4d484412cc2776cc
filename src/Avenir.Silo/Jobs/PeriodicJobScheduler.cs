namespace Avenir.Silo.Jobs;

/// <summary>
/// Enqueues recurring jobs: at start and then every <c>interval</c> it asks the subclass to enqueue what is due. The
/// subclass enqueues with a dedupe key naming the period (<c>type:yyyy-MM-dd</c>, …), so however many silos run,
/// each period's job runs once; a failed check is logged and retried at the next interval.
/// </summary>
public abstract class PeriodicJobScheduler(TimeSpan interval, string jobs, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>Enqueues the jobs due now, unless they already exist.</summary>
    protected abstract Task EnqueueDueJobsAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnqueueDueJobsAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not enqueue {Jobs}; retrying in {Interval}", jobs, interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

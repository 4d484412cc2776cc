using Avenir.Silo.Hosting;

namespace Avenir.Silo.Jobs;

/// <summary>
/// The silo's pool of job workers: <c>Jobs:Workers</c> loops, each claiming one due job at a time (or a batch of a
/// type whose handler runs several together, <see cref="IBatchJobHandler"/>) and polling every <c>Jobs:PollInterval</c>
/// when idle. They start once the silo is active in the cluster (handlers call grains).
/// </summary>
public sealed class JobWorkerService(
    JobRunner runner,
    IServiceProvider services,
    TimeProvider time,
    IOptions<JobOptions> options,
    ILogger<JobWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Workers <= 0)
        {
            logger.LogInformation("Job workers disabled (Jobs:Workers = {Workers})", settings.Workers);
            return;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var types = scope.ServiceProvider.GetServices<IJobHandler>().Select(handler => handler.JobType).ToList();
            var duplicate = types.GroupBy(type => type).FirstOrDefault(group => group.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidOperationException($"Two job handlers are registered for job type '{duplicate.Key}'.");
            }

            logger.LogInformation("Starting {Workers} job worker(s) for {Types}", settings.Workers, string.Join(", ", types.Order()));
        }

        var readiness = services.GetService<SiloReadiness>();
        while (readiness is { IsActive: false } && !stoppingToken.IsCancellationRequested)
        {
            await DelayAsync(TimeSpan.FromMilliseconds(250), stoppingToken);
        }

        var prefix = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        await Task.WhenAll(Enumerable.Range(0, settings.Workers)
            .Select(i => Task.Run(() => WorkAsync($"{prefix}:{i}", stoppingToken), CancellationToken.None)));
    }

    private async Task WorkAsync(string workerId, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var ran = await runner.RunOnceAsync(workerId, stoppingToken);
                failures = 0;
                if (!ran)
                {
                    await DelayAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The queue itself is unreachable (database down): wait longer each time, up to a minute.
                failures++;
                logger.LogError(exception, "Job worker {Worker} could not reach the queue ({Failures} time(s) in a row)", workerId, failures);
                await DelayAsync(RetryBackoff.Ceiling(failures, settings.PollInterval, TimeSpan.FromMinutes(1)), stoppingToken);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

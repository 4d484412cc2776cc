using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>
/// Keeps the console output of the stack's services in files beside the test assembly (<c>fault-logs/&lt;resource&gt;.log</c>),
/// so a failed fault run can be read afterwards, without flooding the test's own output.
/// </summary>
public static class ResourceLogs
{
    public static Task KeepAsync(DistributedApplication app, IEnumerable<IResource> resources, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "fault-logs");
        Directory.CreateDirectory(directory);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        return Task.WhenAll(resources.Select(resource => Task.Run(async () =>
        {
            var file = Path.Combine(directory, resource.Name + ".log");
            File.Delete(file);
            try
            {
                await foreach (var batch in logs.WatchAsync(resource).WithCancellation(cancellationToken))
                {
                    await File.AppendAllLinesAsync(file, batch.Select(line => line.Content), CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the run is over
            }
        }, CancellationToken.None)));
    }
}

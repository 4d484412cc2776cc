using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.EndToEnd.Tests;

/// <summary>The operating-system process behind a running AppHost resource, as Linux shows it in /proc.</summary>
public static class ResourceProcess
{
    public static int Pid(DistributedApplication app, string resource)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(notifications.TryGetCurrentState(resource, out var state), $"the {resource} resource has a state");
        var pid = state!.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    /// <summary>The environment the process was started with (<c>/proc/PID/environ</c>).</summary>
    public static IReadOnlyDictionary<string, string> Environment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
}

using System.Diagnostics;

namespace Avenir.LocalServers;

/// <summary>Runs a short command to completion (the AppHost's local servers and the test fixture).</summary>
public static class ProcessRunner
{
    /// <summary>Runs the command; throws with its output when it fails.</summary>
    public static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(command, arguments)) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    /// <summary>True when the command exits 0 within <paramref name="timeout"/>; false if it fails, hangs or is not installed.</summary>
    public static async Task<bool> SucceedsWithinAsync(TimeSpan timeout, string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(StartInfo(command, arguments));
            if (process is null)
            {
                return false;
            }

            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    /// <summary>Output captured (never inherited: the AppHost's console is for people), arguments passed verbatim.</summary>
    private static ProcessStartInfo StartInfo(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

/// <summary>
/// A real mail server for the form tests: smtp4dev (the repository's .NET local tool, .config/dotnet-tools.json) with
/// SMTP and IMAP on free loopback ports and an in-memory store. Started once per test collection; ready when it says
/// both servers listen (read from its output, no polling).
/// </summary>
public sealed class Smtp4devServer : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly TaskCompletionSource smtpReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource imapReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> output = [];
    private Process? process;

    public int SmtpPort { get; } = FreePort();

    public int ImapPort { get; } = FreePort();

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot();
        await RunAsync(repository, "tool", "restore"); // what ./test.sh does on a fresh machine; quick when done
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
                 [
                     "tool", "run", "smtp4dev", "--", $"--smtpport={SmtpPort}", $"--imapport={ImapPort}", $"--urls=http://127.0.0.1:{FreePort()}",
                     "--db=", "--pop3port=", "--nousersettings", "--hostname=localhost", "--messagestokeep=1000",
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start.");
        process.OutputDataReceived += (_, line) => Watch(line.Data);
        process.ErrorDataReceived += (_, line) => Watch(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(StartLimit);
        try
        {
            await Task.WhenAll(smtpReady.Task, imapReady.Task).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException("smtp4dev did not listen in time:\n" + string.Join('\n', output));
        }
    }

    /// <summary>Puts a message in the mailbox through SMTP, as any sender would.</summary>
    public async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        return Task.CompletedTask;
    }

    private void Watch(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }

        if (line.Contains("SMTP Server is listening", StringComparison.Ordinal))
        {
            smtpReady.TrySetResult();
        }

        if (line.Contains("IMAP Server is listening", StringComparison.Ordinal))
        {
            imapReady.TrySetResult();
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No .config/dotnet-tools.json above the test assembly: smtp4dev cannot be found.");
    }

    private static async Task RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {await stdout}{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

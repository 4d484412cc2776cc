using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Xunit;

namespace Avenir.Testing.Mail;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot (package <c>dovecot-imapd</c>, installed by
/// <c>build/install-prerequisites.sh</c>) run in the foreground on a free loopback port with its configuration, state
/// and maildirs in a temporary folder. Any user name logs in with <see cref="Password"/> and gets an empty mailbox of its
/// own, so tests sharing one server do not see each other's mail.
/// </summary>
public sealed class DovecotTestServer : IAsyncLifetime
{
    public const string Password = "secret";

    private readonly string root = Path.Combine(Path.GetTempPath(), "avenir-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> log = [];
    // Disposed in DisposeAsync (xunit's lifetime), so a property rather than a field the analyzer expects IDisposable for.
    private Process? Server { get; set; }

    public int Port { get; } = ScriptedSmtpServer.FreePort();

    public string Log
    {
        get
        {
            lock (log)
            {
                return string.Join('\n', log);
            }
        }
    }

    public async Task InitializeAsync()
    {
        var dovecot = new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Dovecot is not installed (Debian: dovecot-imapd); build/install-prerequisites.sh installs it.");
        Directory.CreateDirectory(Path.Combine(root, "run"));
        Directory.CreateDirectory(Path.Combine(root, "state"));
        var home = Directory.CreateDirectory(Path.Combine(root, "home"));
        var asRoot = Environment.UserName == "root";
        // As root, mail processes run as the package's unprivileged "dovecot" user, which must be able to create homes.
        if (!OperatingSystem.IsWindows())
        {
            home.UnixFileMode = (UnixFileMode)Convert.ToInt32("777", 8);
        }
        var user = asRoot ? "dovecot" : Environment.UserName;
        var config = Path.Combine(root, "dovecot.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = /dev/stderr
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_login_user = {{(asRoot ? "dovenull" : user)}}
            default_internal_user = {{user}}
            first_valid_uid = 1
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid={{user}} gid={{user}} home={{root}}/home/%u
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """));

        Server = new Process
        {
            StartInfo = new ProcessStartInfo(dovecot, ["-F", "-c", config])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            },
        };
        Server.ErrorDataReceived += (_, line) => Record(line.Data);
        Server.OutputDataReceived += (_, line) => Record(line.Data);
        Server.Exited += (_, _) => started.TrySetException(new InvalidOperationException("Dovecot exited: " + Log));
        Server.EnableRaisingEvents = true;
        Server.Start();
        Server.BeginErrorReadLine();
        Server.BeginOutputReadLine();

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForListenerAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is { HasExited: false })
        {
            Server.Kill(entireProcessTree: true);
            await Server.WaitForExitAsync();
        }

        Server?.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
        }

        // The master logs this once its listeners are bound.
        if (line.Contains("starting up", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }
    }

    private async Task WaitForListenerAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Yield();
            }
        }
    }
}

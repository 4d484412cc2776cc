using System.Diagnostics;
using System.Globalization;

namespace Avenir.EndToEnd.Tests;

/// <summary>Signals a process and all its descendants: SIGKILL (a crash) or SIGTERM (a shutdown, as an orchestrator asks).</summary>
public static class ProcessTree
{
    /// <summary>SIGKILL to the whole tree at once: a crash, not a shutdown.</summary>
    public static void Kill(int rootPid)
    {
        foreach (var pid in Tree(rootPid))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>SIGTERM to the whole tree: each process shuts down as it would when Kubernetes or systemd stops it.</summary>
    public static void Terminate(int rootPid)
    {
        foreach (var pid in Tree(rootPid))
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardError = true,
            })!;
            kill.WaitForExit(); // a process already gone answers "no such process": harmless
        }
    }

    private static List<int> Tree(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        var tree = new List<int>();
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var pid))
        {
            tree.Add(pid);
            foreach (var child in children.GetValueOrDefault(pid, []))
            {
                pending.Push(child);
            }
        }

        return tree;
    }
}

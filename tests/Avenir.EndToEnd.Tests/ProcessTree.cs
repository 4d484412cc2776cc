using System.Diagnostics;
using System.Globalization;

namespace Avenir.EndToEnd.Tests;

/// <summary>Kills a process and all its descendants at once (SIGKILL): a crash, not a shutdown.</summary>
public static class ProcessTree
{
    public static void Kill(int rootPid)
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

        foreach (var pid in tree)
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
}

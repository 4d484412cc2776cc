using System.Globalization;

namespace Avenir.Benchmarks;

/// <summary>
/// Where the CPU went, from Linux's <c>/proc</c>: CPU seconds of the stack's processes (found as
/// descendants of the orchestrator this process started: PostgreSQL with its backends, the API, the
/// silo), of this process (the load generator and the in-process AppHost), and of the whole machine
/// (busy time of every core, so that load from elsewhere shows). Elsewhere than Linux it measures nothing.
/// </summary>
internal static class CpuMeter
{
    public const string Postgres = "postgres";
    public const string Api = "api";
    public const string Silo = "silo";
    public const string Benchmark = "bench";
    public const string Machine = "machine";
    private const double TicksPerSecond = 100; // USER_HZ

    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/proc/stat");

    /// <summary>CPU seconds used so far, by group.</summary>
    public static Dictionary<string, double> Snapshot(bool stackProcesses)
    {
        var seconds = new Dictionary<string, double>();
        if (!Available)
        {
            return seconds;
        }

        seconds[Benchmark] = Environment.ProcessId is var self && Read(self) is { } own ? own.Cpu : 0;
        seconds[Machine] = MachineBusySeconds();
        if (!stackProcesses)
        {
            return seconds;
        }

        var processes = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? Read(pid) : null)
            .OfType<ProcessCpu>()
            .ToList();
        var children = processes.ToLookup(p => p.ParentId);
        // The orchestrator (DCP) this process started watches it: "--monitor <our pid>".
        var roots = processes.Where(p => p.CommandLine.Contains("dcp", StringComparison.Ordinal)
            && p.CommandLine.Contains($"--monitor {Environment.ProcessId} ", StringComparison.Ordinal));
        foreach (var process in roots.SelectMany(r => Descendants(r, children)))
        {
            var group = process.CommandLine switch
            {
                var c when c.StartsWith("postgres", StringComparison.Ordinal) || c.Contains("/postgres ", StringComparison.Ordinal) => Postgres,
                var c when c.Contains("Avenir.Api", StringComparison.Ordinal) && !c.Contains("dotnet run", StringComparison.Ordinal) => Api,
                var c when c.Contains("Avenir.Silo", StringComparison.Ordinal) && !c.Contains("dotnet run", StringComparison.Ordinal) => Silo,
                _ => null,
            };
            if (group is not null)
            {
                seconds[group] = seconds.GetValueOrDefault(group) + process.Cpu;
            }
        }

        return seconds;
    }

    public static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));

    private static IEnumerable<ProcessCpu> Descendants(ProcessCpu root, ILookup<int, ProcessCpu> children)
    {
        foreach (var child in children[root.Id])
        {
            yield return child;
            foreach (var grandchild in Descendants(child, children))
            {
                yield return grandchild;
            }
        }
    }

    private static double MachineBusySeconds()
    {
        // cpu  user nice system idle iowait irq softirq steal …: busy = user + nice + system + irq + softirq
        // (steal is time the hypervisor gave to others, not work done here).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / TicksPerSecond;
    }

    private static ProcessCpu? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17): fields after the ')' of comm.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (double.Parse(rest[11], CultureInfo.InvariantCulture) + double.Parse(rest[12], CultureInfo.InvariantCulture)
                + double.Parse(rest[13], CultureInfo.InvariantCulture) + double.Parse(rest[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return new ProcessCpu(pid, int.Parse(rest[1], CultureInfo.InvariantCulture), cpu, commandLine);
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record ProcessCpu(int Id, int ParentId, double Cpu, string CommandLine);
}

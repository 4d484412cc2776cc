using System.Globalization;
using Npgsql;

namespace Avenir.Benchmarks;

/// <summary>
/// The intake mode: at each concurrency level, <c>POST /api/lead</c> as one client, then spread over
/// <c>--clients N</c> clients (every client posting now and then), then the naive baseline (<see cref="NaiveBaseline"/>)
/// driven by the same load generator, then the bare single-row INSERT ceiling on the same database — all in one run,
/// so every ratio compares figures measured minutes apart on the same machine. Every lead Avenir acknowledged is then
/// checked to be stored exactly once (<see cref="Verification"/>).
/// </summary>
internal static class IntakeBenchmark
{
    public const string Single = "single";
    public const string Clients = "clients";
    public const string Baseline = "baseline";
    public const string Ceiling = "ceiling";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One level's phases, by kind (<see cref="Single"/>, <see cref="Clients"/>, <see cref="Baseline"/>, <see cref="Ceiling"/>).</summary>
    public sealed record Level(int Concurrency, Dictionary<string, PhaseResult> Phases, Dictionary<string, double> LeadsPerTransaction)
    {
        public double Ratio(string kind) => Phases.TryGetValue(kind, out var phase) ? phase.PerSecond / Phases[Ceiling].PerSecond : double.NaN;

        public double OverBaseline(string kind) =>
            Phases.TryGetValue(kind, out var phase) && Phases.TryGetValue(Baseline, out var baseline) ? phase.PerSecond / baseline.PerSecond : double.NaN;
    }

    public sealed record Outcome(IReadOnlyList<Level> Levels, Verification.Outcome Verification, int Clients, List<string> CpuLines, int Duplicates)
    {
        public Dictionary<string, object> Summary()
        {
            var best = Levels.MaxBy(l => l.Phases[Single].PerSecond)!;
            var summary = new Dictionary<string, object>
            {
                ["intake_per_s"] = Math.Round(best.Phases[Single].PerSecond, 1),
                ["insert_ceiling_per_s"] = Math.Round(Levels.Max(l => l.Phases[Ceiling].PerSecond), 1),
                ["ratio"] = Math.Round(best.Phases[Single].PerSecond / Levels.Max(l => l.Phases[Ceiling].PerSecond), 3),
                ["clients"] = Clients,
                ["n_acknowledged"] = Verification.Acknowledged,
                ["n_verified"] = Verification.Verified,
                ["verified"] = Verification.Passed,
                ["n_errors"] = Levels.Sum(l => l.Phases.Where(p => p.Key != Ceiling).Sum(p => p.Value.Errors)),
            };
            foreach (var level in Levels)
            {
                foreach (var kind in new[] { Single, IntakeBenchmark.Clients })
                {
                    if (level.Phases.ContainsKey(kind))
                    {
                        summary[$"ratio_{kind}_c{level.Concurrency}"] = Math.Round(level.Ratio(kind), 3);
                        if (level.Phases.ContainsKey(Baseline))
                        {
                            summary[$"over_baseline_{kind}_c{level.Concurrency}"] = Math.Round(level.OverBaseline(kind), 3);
                        }
                    }
                }

                if (level.Phases.ContainsKey(Baseline))
                {
                    summary[$"ratio_baseline_c{level.Concurrency}"] = Math.Round(level.Ratio(Baseline), 3);
                }
            }

            summary["levels"] = Levels.Select(l => l.Phases.ToDictionary(p => p.Key, p => (object)new Dictionary<string, object>
            {
                ["per_s"] = Math.Round(p.Value.PerSecond, 1),
                ["p50_ms"] = Math.Round(p.Value.P50, 2),
                ["p99_ms"] = Math.Round(p.Value.P99, 2),
                ["errors"] = p.Value.Errors,
                ["leads_per_transaction"] = Math.Round(l.LeadsPerTransaction.GetValueOrDefault(p.Key), 1),
            })).Select((d, i) => { d["concurrency"] = Levels[i].Concurrency; return d; }).ToArray();
            return summary;
        }
    }

    public static async Task<Outcome> RunAsync(BenchmarkOptions options, Uri api, string connection, string key, bool ownStack)
    {
        await using var owner = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = Math.Max(100, options.Levels.Max() + 10) }.ConnectionString);
        var clientId = await Verification.ClientOfKeyAsync(owner, key);
        await using (var settings = owner.CreateCommand("SELECT current_setting('synchronous_commit'), current_setting('fsync'), version()"))
        await using (var reader = await settings.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Console.WriteLine($"Database: synchronous_commit={reader.GetString(0)}, fsync={reader.GetString(1)}; {reader.GetString(2).Split(" on ")[0]}");
        }

        var clientKeys = options.Clients > 1 ? await BenchClients.CreateAsync(owner, options.Clients) : [];
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores; API, silo and PostgreSQL on this machine. Client {clientId}"
            + (clientKeys.Length > 0 ? $"; and {clientKeys.Length} more clients for the many-clients shape." : "."));
        var kinds = new List<string> { Single };
        if (clientKeys.Length > 0)
        {
            kinds.Add(Clients);
        }

        await using var baseline = options.Baseline ? await NaiveBaseline.StartAsync(connection, options.Levels.Max() + 10) : null;
        if (baseline is not null)
        {
            kinds.Add(Baseline);
        }

        Console.WriteLine(
            $"Levels {string.Join(", ", options.Levels)}; at each level {options.PhaseDuration.TotalSeconds:F0} s of each of: "
            + $"{string.Join(", ", kinds)}, {Ceiling}.");

        var loads = new Dictionary<string, IntakeLoad> { [Single] = new(new Uri(api, "api/lead"), [key]) };
        if (clientKeys.Length > 0)
        {
            loads[Clients] = new IntakeLoad(new Uri(api, "api/lead"), clientKeys);
        }

        if (baseline is not null)
        {
            loads[Baseline] = new IntakeLoad(baseline.Endpoint, [key]);
        }

        var ceiling = new InsertCeiling(owner, clientId);
        try
        {
            // Warm-up: JIT, connection pools, grain activations (every client's), PostgreSQL caches, for every kind of work.
            Console.WriteLine($"Warm-up {options.WarmUp.TotalSeconds:F0} s per kind…");
            foreach (var (kind, load) in loads)
            {
                var warmUp = await load.RunAsync(Math.Min(8, options.Levels.Max()), options.WarmUp);
                if (warmUp.Succeeded == 0)
                {
                    throw new InvalidOperationException(
                        $"Warm-up ({kind}): no lead was acknowledged ({string.Join(", ", warmUp.ErrorKinds.Select(k => $"{k.Key}×{k.Value}"))}).");
                }
            }

            await ceiling.RunAsync(Math.Min(8, options.Levels.Max()), TimeSpan.FromSeconds(Math.Min(2, options.WarmUp.TotalSeconds)));
            owner.Clear();
            baseline?.ClosePooledConnections();

            // The tables were empty a moment ago: statistics gathered now are what a database in service has (decision 0007).
            await using (var analyze = owner.CreateCommand("ANALYZE lead_memory, lead_actions, integration_logs, queue_jobs"))
            {
                analyze.CommandTimeout = 300;
                await analyze.ExecuteNonQueryAsync();
            }

            var levels = new List<Level>();
            var cpuLines = new List<string>();
            Console.WriteLine();
            Console.WriteLine("  conc | kind     |      /s |  p50 ms |  p99 ms | errors | leads/tx | ÷ ceiling | ÷ baseline");
            Console.WriteLine("  -----+----------+---------+---------+---------+--------+----------+-----------+-----------");
            foreach (var concurrency in options.Levels)
            {
                var phases = new Dictionary<string, PhaseResult>();
                var perTransaction = new Dictionary<string, double>();
                foreach (var (kind, load) in loads)
                {
                    var before = CpuMeter.Snapshot(ownStack);
                    phases[kind] = await load.RunAsync(concurrency, options.PhaseDuration);
                    baseline?.ClosePooledConnections(); // PostgreSQL's max_connections is shared by every phase: no idle connection is left behind
                    cpuLines.Add(CpuLine(concurrency, kind, phases[kind], CpuMeter.Delta(before, CpuMeter.Snapshot(ownStack))));
                    if (kind != Baseline)
                    {
                        var transactions = await Verification.TransactionsAsync(owner, load.LastPhase);
                        perTransaction[kind] = transactions == 0 ? 0 : (double)load.LastPhase.Count / transactions;
                    }
                }

                var cpu = CpuMeter.Snapshot(ownStack);
                phases[Ceiling] = await ceiling.RunAsync(concurrency, options.PhaseDuration);
                owner.Clear(); // the ceiling's connections, closed before the next level's phases
                cpuLines.Add(CpuLine(concurrency, Ceiling, phases[Ceiling], CpuMeter.Delta(cpu, CpuMeter.Snapshot(ownStack))));
                var level = new Level(concurrency, phases, perTransaction);
                levels.Add(level);
                foreach (var (kind, phase) in phases)
                {
                    Console.WriteLine(string.Create(Invariant,
                        $"  {concurrency,4} | {kind,-8} | {phase.PerSecond,7:F1} | {phase.P50,7:F2} | {phase.P99,7:F2} | {phase.Errors,6} | "
                        + $"{(perTransaction.TryGetValue(kind, out var t) ? t.ToString("F1", Invariant) : "-"),8} | {level.Ratio(kind),9:F2} | "
                        + $"{(kind is Single or Clients ? level.OverBaseline(kind).ToString("F2", Invariant) : "-"),9}"));
                    foreach (var (error, count) in phase.ErrorKinds)
                    {
                        Console.WriteLine($"         errors: {error} × {count}");
                    }
                }
            }

            if (CpuMeter.Available)
            {
                Console.WriteLine();
                Console.WriteLine($"CPU per operation (ms of CPU per acknowledged lead / inserted row; {Environment.ProcessorCount} cores = "
                    + $"{Environment.ProcessorCount * 1000} ms per s; the baseline runs inside the bench process):");
                cpuLines.Where(l => l.Length > 0).ToList().ForEach(Console.WriteLine);
            }

            // Every lead Avenir acknowledged with a 2xx (warm-ups included), of every client, must be stored exactly once.
            var acknowledged = new Dictionary<Guid, int>();
            foreach (var (kind, load) in loads)
            {
                if (kind == Baseline)
                {
                    continue;
                }

                foreach (var (id, count) in load.Acknowledged)
                {
                    acknowledged[id] = acknowledged.GetValueOrDefault(id) + count;
                }
            }

            var verification = await Verification.VerifyAsync(owner, acknowledged);
            var duplicates = loads.Where(l => l.Key != Baseline).Sum(l => l.Value.Duplicates);
            Console.WriteLine();
            Console.WriteLine(
                $"Verification: {verification.Acknowledged} leads acknowledged with 2xx; {verification.LeadsFound} found in lead_memory "
                + $"(each exactly once: the id is its primary key), {verification.ActionsFound} 'created' actions, {verification.JobsFound} follow-up jobs "
                + $"(expected {2 * verification.Acknowledged}); acknowledged twice: {verification.AcknowledgedTwice}; answered 'duplicate': {duplicates}. "
                + (verification.Passed ? "PASSED" : "FAILED"));
            return new Outcome(levels, verification, clientKeys.Length, cpuLines, duplicates);
        }
        finally
        {
            await ceiling.CleanUpAsync();
            if (loads.TryGetValue(Baseline, out var baselineLoad))
            {
                await NaiveBaseline.CleanUpAsync(owner, baselineLoad.Acknowledged.Keys.ToArray());
            }

            foreach (var load in loads.Values)
            {
                load.Dispose();
            }
        }
    }

    private static string CpuLine(int level, string kind, PhaseResult phase, Dictionary<string, double> cpu)
    {
        if (cpu.Count == 0 || phase.Succeeded == 0)
        {
            return "";
        }

        string PerOperation(string group) => cpu.TryGetValue(group, out var seconds) ? (seconds * 1000 / phase.Succeeded).ToString("F2", Invariant) : "-";
        var machineBusy = cpu.GetValueOrDefault(CpuMeter.Machine) / phase.Elapsed.TotalSeconds / Environment.ProcessorCount;
        var stackSeconds = cpu.GetValueOrDefault(CpuMeter.Postgres) + cpu.GetValueOrDefault(CpuMeter.Api)
            + cpu.GetValueOrDefault(CpuMeter.Silo) + cpu.GetValueOrDefault(CpuMeter.Benchmark);
        var elsewhere = Math.Max(0, cpu.GetValueOrDefault(CpuMeter.Machine) - stackSeconds) / phase.Elapsed.TotalSeconds / Environment.ProcessorCount;
        return string.Create(Invariant,
            $"  {level,4} {kind,-8}: postgres {PerOperation(CpuMeter.Postgres)}, api {PerOperation(CpuMeter.Api)}, silo {PerOperation(CpuMeter.Silo)}, "
            + $"bench+apphost {PerOperation(CpuMeter.Benchmark)}; machine busy {machineBusy:P0} (of which not these four: {elsewhere:P0})");
    }
}

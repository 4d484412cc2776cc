using System.Globalization;
using System.Text.Json;
using Avenir.Benchmarks;
using Npgsql;

// Lead-intake benchmark (README, "Benchmark"): POST /api/lead at rising concurrency against the running
// stack, the bare single-row INSERT ceiling on the same database, and a check that every acknowledged
// lead is stored. The last line printed is one JSON object.
if (args is ["growth", ..])
{
    return await GrowthBenchmark.RunAsync(args[1..]); // the growth brain's costs (GrowthBenchmark.cs)
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

var invariant = CultureInfo.InvariantCulture;
await using var stack = options.TargetsRunningStack ? null : new BenchmarkStack();
Uri api;
string connection;
string key;
if (stack is null)
{
    (api, connection, key) = (options.Api!, options.Connection!, options.Key!);
    Console.WriteLine($"Target: the running stack at {api}");
}
else
{
    Console.WriteLine("Starting the stack (AppHost: PostgreSQL, silo, API) on free ports with a temporary PostgreSQL data folder…");
    using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
    var starting = System.Diagnostics.Stopwatch.StartNew();
    await stack.StartAsync(options.AppHostArguments, startTimeout.Token);
    (api, connection, key) = (stack.Api, stack.OwnerConnection, BenchmarkStack.Key);
    Console.WriteLine($"Stack healthy after {starting.Elapsed.TotalSeconds:F0} s; API at {api}; {string.Join(' ', stack.Settings)}");
}

await using var owner = NpgsqlDataSource.Create(
    new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = Math.Max(100, options.Levels.Max() + 10) }.ConnectionString);
var clientId = await Verification.ClientOfKeyAsync(owner, key);
await using (var settings = owner.CreateCommand("SELECT current_setting('synchronous_commit'), current_setting('fsync'), version()"))
await using (var reader = await settings.ExecuteReaderAsync())
{
    await reader.ReadAsync();
    Console.WriteLine($"Database: synchronous_commit={reader.GetString(0)}, fsync={reader.GetString(1)}; {reader.GetString(2).Split(" on ")[0]}");
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores; API, silo and PostgreSQL on this machine. Client {clientId}.");
Console.WriteLine(
    $"Levels {string.Join(", ", options.Levels)}; at each level {options.PhaseDuration.TotalSeconds:F0} s of intake, "
    + $"then {options.PhaseDuration.TotalSeconds:F0} s of the bare INSERT ceiling.");

using var intake = new IntakeLoad(api, key);
var ceiling = new InsertCeiling(owner, clientId);

// Warm-up: JIT, connection pools, grain activations, PostgreSQL caches, for both kinds of work.
Console.WriteLine($"Warm-up {options.WarmUp.TotalSeconds:F0} s…");
var warmUp = await intake.RunAsync(Math.Min(8, options.Levels.Max()), options.WarmUp);
await ceiling.RunAsync(Math.Min(8, options.Levels.Max()), TimeSpan.FromSeconds(Math.Min(2, options.WarmUp.TotalSeconds)));
if (warmUp.Succeeded == 0)
{
    Console.Error.WriteLine($"Warm-up: no lead was acknowledged ({string.Join(", ", warmUp.ErrorKinds.Select(k => $"{k.Key}×{k.Value}"))}).");
    return 1;
}

// The tables were empty a moment ago: statistics gathered now are what a database in service has. Without
// them, plans cached while the tables were near empty (foreign-key checks, prepared statements) can stay in
// use until autovacuum's next ANALYZE, and a whole phase of either side then ran at several times its cost.
await using (var analyze = owner.CreateCommand("ANALYZE lead_memory, lead_actions, integration_logs, queue_jobs"))
{
    analyze.CommandTimeout = 300;
    await analyze.ExecuteNonQueryAsync();
}

var rows = new List<(PhaseResult Intake, PhaseResult Insert)>();
var phaseLeads = new List<Guid[]>();
Console.WriteLine();
Console.WriteLine("  conc | intake/s |  p50 ms |  p95 ms |  p99 ms | errors | insert/s | ins p50 | ins p99 | ratio");
Console.WriteLine("  -----+----------+---------+---------+---------+--------+----------+---------+---------+------");
var cpuLines = new List<string>();
foreach (var level in options.Levels)
{
    var cpuBefore = CpuMeter.Snapshot(stack is not null);
    var intakeResult = await intake.RunAsync(level, options.PhaseDuration);
    var cpuBetween = CpuMeter.Snapshot(stack is not null);
    phaseLeads.Add([.. intake.LastPhase]);
    var insertResult = await ceiling.RunAsync(level, options.PhaseDuration);
    var cpuAfter = CpuMeter.Snapshot(stack is not null);
    rows.Add((intakeResult, insertResult));
    cpuLines.Add(CpuLine(level, "intake", intakeResult, CpuMeter.Delta(cpuBefore, cpuBetween)));
    cpuLines.Add(CpuLine(level, "insert", insertResult, CpuMeter.Delta(cpuBetween, cpuAfter)));
    Console.WriteLine(string.Create(invariant,
        $"  {level,4} | {intakeResult.PerSecond,8:F1} | {intakeResult.P50,7:F2} | {intakeResult.P95,7:F2} | {intakeResult.P99,7:F2} | "
        + $"{intakeResult.Errors,6} | {insertResult.PerSecond,8:F1} | {insertResult.P50,7:F2} | {insertResult.P99,7:F2} | "
        + $"{intakeResult.PerSecond / insertResult.PerSecond,5:F2}"));
    foreach (var (kind, count) in intakeResult.ErrorKinds.Concat(insertResult.ErrorKinds))
    {
        Console.WriteLine($"         errors: {kind} × {count}");
    }
}

if (cpuLines.Count > 0 && CpuMeter.Available)
{
    Console.WriteLine();
    Console.WriteLine(
        $"CPU per operation (ms of CPU time per acknowledged lead / per inserted row; {Environment.ProcessorCount} cores = "
        + $"{Environment.ProcessorCount * 1000} ms per s):");
    cpuLines.ForEach(Console.WriteLine);
}

// Which intake mode ran, as the database recorded it (not as configured): leads per committing transaction.
Console.WriteLine();
Console.WriteLine("Intake mode (leads per transaction, from the xmin of their 'created' actions; 1 = a transaction per lead, more = group commit):");
var leadsPerTransaction = new List<double>();
foreach (var (level, leads) in options.Levels.Zip(phaseLeads))
{
    var transactions = await Verification.TransactionsAsync(owner, leads);
    leadsPerTransaction.Add(transactions == 0 ? 0 : (double)leads.Length / transactions);
    Console.WriteLine(string.Create(invariant,
        $"  {level,4}: {leads.Length} leads in {transactions} transactions = {leadsPerTransaction[^1]:F1} per transaction"));
}

var intakeMode = leadsPerTransaction.Any(l => l > 1.05) ? "group_commit" : "transaction_per_lead";
Console.WriteLine($"Intake mode: {intakeMode}");

var bestIntake = rows.Select(r => r.Intake).MaxBy(r => r.PerSecond)!;
var bestInsert = rows.Select(r => r.Insert).MaxBy(r => r.PerSecond)!;
var ratio = bestIntake.PerSecond / bestInsert.PerSecond;
Console.WriteLine();
Console.WriteLine(string.Create(invariant,
    $"intake_per_s = best level's acknowledged leads/s = {bestIntake.PerSecond:F1} (concurrency {bestIntake.Concurrency}; "
    + $"p50 {bestIntake.P50:F2} ms, p95 {bestIntake.P95:F2} ms, p99 {bestIntake.P99:F2} ms)"));
Console.WriteLine(string.Create(invariant,
    $"insert_ceiling_per_s = best level's bare single-row INSERTs/s = {bestInsert.PerSecond:F1} (concurrency {bestInsert.Concurrency})"));
Console.WriteLine(string.Create(invariant, $"ratio = intake_per_s / insert_ceiling_per_s = {ratio:F2} (target ≥ 0.6)"));

// Every lead acknowledged with a 2xx (warm-up included) must be stored exactly once, with its action and jobs.
var verification = await Verification.VerifyAsync(owner, intake.Acknowledged);
Console.WriteLine();
Console.WriteLine(
    $"Verification: {verification.Acknowledged} leads acknowledged with 2xx; {verification.LeadsFound} found in lead_memory "
    + "(each exactly once: the id is its primary key), "
    + $"{verification.ActionsFound} 'created' actions, {verification.JobsFound} follow-up jobs (expected {2 * verification.Acknowledged}); "
    + $"acknowledged twice: {verification.AcknowledgedTwice}; answered 'duplicate': {intake.Duplicates}. {(verification.Passed ? "PASSED" : "FAILED")}");

await ceiling.CleanUpAsync();

var summary = new Dictionary<string, object>
{
    ["intake_per_s"] = Math.Round(bestIntake.PerSecond, 1),
    ["insert_ceiling_per_s"] = Math.Round(bestInsert.PerSecond, 1),
    ["ratio"] = Math.Round(ratio, 3),
    ["p99_ms"] = Math.Round(bestIntake.P99, 2),
    ["intake_mode"] = intakeMode,
    ["p95_ms"] = Math.Round(bestIntake.P95, 2),
    ["p50_ms"] = Math.Round(bestIntake.P50, 2),
    ["intake_concurrency"] = bestIntake.Concurrency,
    ["insert_concurrency"] = bestInsert.Concurrency,
    ["n_acknowledged"] = verification.Acknowledged,
    ["n_verified"] = verification.Verified,
    ["verified"] = verification.Passed,
    ["n_errors"] = rows.Sum(r => r.Intake.Errors),
    ["levels"] = rows.Select((r, i) => new Dictionary<string, object>
    {
        ["concurrency"] = r.Intake.Concurrency,
        ["leads_per_transaction"] = Math.Round(leadsPerTransaction[i], 1),
        ["intake_per_s"] = Math.Round(r.Intake.PerSecond, 1),
        ["p50_ms"] = Math.Round(r.Intake.P50, 2),
        ["p95_ms"] = Math.Round(r.Intake.P95, 2),
        ["p99_ms"] = Math.Round(r.Intake.P99, 2),
        ["errors"] = r.Intake.Errors,
        ["insert_per_s"] = Math.Round(r.Insert.PerSecond, 1),
    }).ToArray(),
};
Console.WriteLine(JsonSerializer.Serialize(summary));
return verification.Passed ? 0 : 1;

string CpuLine(int level, string kind, PhaseResult phase, Dictionary<string, double> cpu)
{
    if (cpu.Count == 0 || phase.Succeeded == 0)
    {
        return "";
    }

    string PerOperation(string group) => cpu.TryGetValue(group, out var seconds) ? (seconds * 1000 / phase.Succeeded).ToString("F2", invariant) : "-";
    var machineBusy = cpu.GetValueOrDefault(CpuMeter.Machine) / phase.Elapsed.TotalSeconds / Environment.ProcessorCount;
    var stackSeconds = cpu.GetValueOrDefault(CpuMeter.Postgres) + cpu.GetValueOrDefault(CpuMeter.Api)
        + cpu.GetValueOrDefault(CpuMeter.Silo) + cpu.GetValueOrDefault(CpuMeter.Benchmark);
    var elsewhere = Math.Max(0, cpu.GetValueOrDefault(CpuMeter.Machine) - stackSeconds) / phase.Elapsed.TotalSeconds / Environment.ProcessorCount;
    return string.Create(invariant,
        $"  {level,4} {kind}: postgres {PerOperation(CpuMeter.Postgres)}, api {PerOperation(CpuMeter.Api)}, silo {PerOperation(CpuMeter.Silo)}, "
        + $"bench+apphost {PerOperation(CpuMeter.Benchmark)}; machine busy {machineBusy:P0} (of which not these four: {elsewhere:P0})");
}

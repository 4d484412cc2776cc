using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Hosting;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Avenir.Benchmarks;

/// <summary>
/// <c>-- enrichment [leads] [workers] [max_batch]</c> (issue 13): the job queue's enrichment throughput over a backlog against the
/// bare model's inference rate on the same texts in the same process. A silo with no job workers takes a backlog of
/// leads through intake (each lead, its action, request log and jobs committed as production does); the bare engine
/// of that silo (the shipped local model) then enriches the same texts two ways, alternating over fifths of them: one lead
/// per call with as many concurrent calls as there will be workers, and in batches of the job handler's size (one engine
/// call per batch, as many batches at once as workers). Then a silo with the workers drains the backlog's enrichment jobs (claim a batch, enrich it, apply
/// each lead through its grain, complete) and the steady rate between 5 % and 95 % of the backlog is compared with the
/// better of the two bare rates, so that the queue gets no credit for a speed-up the model alone reaches too. The
/// auto-reply jobs are taken out of the queue first: enrichment only. <c>max_batch</c> sets the workers' <c>Jobs:MaxBatch</c>
/// (1: one job per claim, as before batches), to compare both in the same conditions. The last line printed is one JSON object.
/// </summary>
public static class EnrichmentBenchmark
{
    private const int DefaultLeads = 1500;

    /// <summary>
    /// One run's figures: the bare engine alone, at <see cref="Workers"/> concurrent single-lead calls and at as many concurrent
    /// batches of <see cref="BatchSize"/>, and the queue's steady rate.
    /// </summary>
    public sealed record Outcome(
        int Leads, int Workers, int BatchSize, double BareMsPerLead, double BarePerSecond, double BareBatchedPerSecond, double QueuePerSecond)
    {
        /// <summary>The denominator: the best rate the model reaches in this process, however it is called.</summary>
        public double BareBestPerSecond => Math.Max(BarePerSecond, BareBatchedPerSecond);

        public double Ratio => QueuePerSecond / BareBestPerSecond;

        /// <summary>The most jobs a worker claimed at once (<c>Jobs:MaxBatch</c>, capped by the handler's batch size).</summary>
        public int ClaimBatch { get; init; } = BatchSize;

        public Dictionary<string, object> Summary() => new()
        {
            ["enrichment_leads"] = Leads,
            ["enrichment_workers"] = Workers,
            ["bare_ms_per_lead"] = Math.Round(BareMsPerLead, 2),
            ["bare_per_s"] = Math.Round(BarePerSecond, 1),
            ["enrichment_batch"] = BatchSize,
            ["enrichment_claim_batch"] = ClaimBatch,
            ["bare_batched_per_s"] = Math.Round(BareBatchedPerSecond, 1),
            ["bare_best_per_s"] = Math.Round(BareBestPerSecond, 1),
            ["queue_enriched_per_s"] = Math.Round(QueuePerSecond, 1),
            ["enrichment_ratio"] = Math.Round(Ratio, 3),
            ["enrichment_target_met"] = Ratio >= 0.8,
        };
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var leads = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var asked) ? asked : DefaultLeads;
        var workers = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var w) ? w : new Silo.Jobs.JobOptions().Workers;
        var maxBatch = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var b) ? b : new Silo.Jobs.JobOptions().MaxBatch;
        var outcome = await MeasureAsync(leads, workers, maxBatch);
        Console.WriteLine(JsonSerializer.Serialize(outcome.Summary()));
        return 0;
    }

    public static async Task<Outcome> MeasureAsync(int leads = DefaultLeads, int? workerCount = null, int? maxBatch = null)
    {
        var workers = workerCount ?? new Silo.Jobs.JobOptions().Workers;
        var claimBatch = Math.Min(maxBatch ?? new Silo.Jobs.JobOptions().MaxBatch, Silo.Enrichment.LeadEnrichmentJobHandler.BatchSize);
        var texts = Texts(leads);
        Console.WriteLine(
            $"Enrichment benchmark: {leads:N0} leads, {workers} workers claiming up to {claimBatch}, {Environment.ProcessorCount} logical cores.");

        var database = await TestDatabase.CreateMigratedAsync();
        var clusterId = "bench-enrichment-" + Guid.NewGuid().ToString("N")[..8];
        var batchSize = Silo.Enrichment.LeadEnrichmentJobHandler.BatchSize;
        double bareRate, batchedRate, sequentialMs;
        await using (var intake = await StartSiloAsync(database, clusterId, workers: 0, claimBatch))
        {
            var grains = intake.Services.GetRequiredService<IGrainFactory>();
            var clientId = await TestClients.RegisterAsync(grains, "Enrichment Benchmark");
            var submitting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (text, _) =>
                await TestLeads.SubmitAsync(grains, clientId, TestLeads.Submission(text.Message ?? "", text.Name ?? "Visitor")));
            Console.WriteLine($"Backlog: {leads:N0} leads submitted through intake in {submitting.Elapsed.TotalSeconds:F1} s.");

            var engine = intake.Services.GetRequiredService<ILeadEnrichmentEngine>();
            foreach (var text in texts.Take(50))
            {
                await engine.EnrichAsync(Request(text)); // warm-up: JIT, the encoder's first runs
            }

            var sequential = Stopwatch.StartNew();
            foreach (var text in texts.Take(200))
            {
                await engine.EnrichAsync(Request(text));
            }

            sequentialMs = sequential.Elapsed.TotalMilliseconds / Math.Min(200, texts.Count);
            // Single calls and batches alternate over fifths of the texts, so that a change in the machine's load (it is shared)
            // weighs on both ways alike rather than on whichever ran second.
            var (single, batched) = (TimeSpan.Zero, TimeSpan.Zero);
            foreach (var part in texts.Chunk((texts.Count + 4) / 5))
            {
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(part, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (text, ct) =>
                    await engine.EnrichAsync(Request(text), ct));
                single += watch.Elapsed;
                watch.Restart();
                await Parallel.ForEachAsync(part.Chunk(batchSize), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (chunk, ct) =>
                    await engine.EnrichBatchAsync([.. chunk.Select(Request)], ct));
                batched += watch.Elapsed;
            }

            bareRate = texts.Count / single.TotalSeconds;
            batchedRate = texts.Count / batched.TotalSeconds;
            Console.WriteLine($"Bare model ({engine.ModelName}): {sequentialMs:F1} ms per lead alone; {bareRate:F1} leads/s at {workers} concurrent "
                + $"single-lead calls; {batchedRate:F1} leads/s at {workers} concurrent batches of {batchSize}.");
        }

        await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var delete = new NpgsqlCommand(BacklogRows.DropAutoReplies, owner);
            await delete.ExecuteNonQueryAsync();
        }

        var samples = new List<(TimeSpan At, long Done)>();
        var clock = Stopwatch.StartNew();
        await using (var worker = await StartSiloAsync(database, clusterId, workers, claimBatch))
        {
            await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
            await owner.OpenAsync();
            long done;
            do
            {
                await Task.Delay(200);
                await using var count = new NpgsqlCommand(BacklogRows.EnrichmentsDone, owner);
                done = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                samples.Add((clock.Elapsed, done));
            }
            while (done < leads && clock.Elapsed < TimeSpan.FromMinutes(20));
        }

        var (from, to) = (samples.First(s => s.Done >= leads * 0.05), samples.First(s => s.Done >= leads * 0.95));
        var queueRate = (to.Done - from.Done) / (to.At - from.At).TotalSeconds;
        var outcome = new Outcome(leads, workers, batchSize, sequentialMs, bareRate, batchedRate, queueRate) { ClaimBatch = claimBatch };
        var claim = claimBatch > 1 ? $"claim up to {claimBatch}, enrich them in one call" : "claim one, enrich it";
        Console.WriteLine(
            $"Job queue: {queueRate:F1} leads enriched/s between 5 % and 95 % of the backlog ({claim}, apply "
            + $"each through its lead grain, complete); ÷ best bare ({outcome.BareBestPerSecond:F1}/s) {outcome.Ratio:F2}; "
            + $"target ≥ 0.80: {(outcome.Ratio >= 0.8 ? "met" : "MISSED")}.");
        return outcome;
    }

    private static Task<TestSilo> StartSiloAsync(DatabaseSettings database, string clusterId, int workers, int maxBatch) =>
        TestSilo.StartAsync(database, clusterId, builder =>
        {
            builder.AddAvenirJobs();
            builder.AddAvenirAi();
        }, TimeProvider.System, new Dictionary<string, string?>
        {
            ["Jobs:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Jobs:MaxBatch"] = maxBatch.ToString(CultureInfo.InvariantCulture),
            // The silo's job handlers include outreach's, which sign tracking links: a throwaway key for this run.
            ["Outreach:Tracking:BaseUrl"] = "https://go.avenir.test",
            ["Outreach:Tracking:CurrentKeyId"] = "1",
            ["Outreach:Tracking:Keys:0:Id"] = "1",
            ["Outreach:Tracking:Keys:0:Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });

    private static LeadEnrichmentRequest Request(LabelledLead lead) => new(lead.Message ?? "", lead.Name, lead.Email, lead.Company, lead.Phone, null);

    /// <summary>The development leads, repeated to the asked number (the model's cost depends on the text, not on its novelty).</summary>
    private static List<LabelledLead> Texts(int count)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "leads-dev.jsonl");
        var source = LabelledLead.ReadJsonLines(path);
        return [.. Enumerable.Range(0, count).Select(i => source[i % source.Count])];
    }
}

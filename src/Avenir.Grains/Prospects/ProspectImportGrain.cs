using Avenir.Contracts.Prospects;
using Orleans.Concurrency;

namespace Avenir.Grains.Prospects;

/// <inheritdoc cref="IProspectImportGrain"/>
/// <remarks>
/// The rows of a file are grouped by domain first (a duplicated company is one merge). Companies whose grain is active
/// are merged by that grain (it holds their state); the others, nearly all of a large file, are merged set-based
/// (<see cref="ProspectBulkMerge"/>, <see cref="BatchSize"/> companies per transaction), with the grain's own rules.
/// A company some grain wrote meanwhile goes to its grain; grains that activated during a batch re-read their row
/// afterwards. Unchanged companies write nothing, so a second import of the same file writes no row.
/// </remarks>
[StatelessWorker]
public sealed class ProspectImportGrain(
    IProspectCsvReader reader, TenantDatabase database, TimeProvider time, ILogger<ProspectImportGrain> logger) : Grain, IProspectImportGrain
{
    /// <summary>Grain calls in flight per import (active grains, conflicts, refreshes).</summary>
    public const int Parallelism = 48;

    /// <summary>Companies per set-based transaction: a few MB of JSON per statement, and a short lock on those rows.</summary>
    public const int BatchSize = 1000;

    public async Task<ProspectImportReport> ImportCsvAsync(byte[] csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var stream = new MemoryStream(csv, writable: false);
        (IReadOnlyList<ProspectSourceRecord> Records, IReadOnlyList<(long Line, string Message)> Errors, int RowsRead) read;
        try
        {
            read = await reader.ReadAsync(stream, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            // A file the CSV reader cannot get through at all (its header broken) is a report, not a failed call.
            logger.LogInformation(exception, "Unreadable prospect CSV ({Bytes} bytes)", csv.Length);
            return new ProspectImportReport(0, 0, 0, 0, [new ProspectImportError(1, "the file could not be read as CSV: " + exception.Message)]);
        }

        var errors = read.Errors.Select(e => new ProspectImportError(e.Line, e.Message)).ToList();
        var rejectedLines = read.Errors.Where(e => e.Line > 1).Select(e => e.Line).Distinct().Count();
        var groups = read.Records.GroupBy(r => r.Domain)
            .Select(g => new ProspectImportGroup(g.Key, [.. g]))
            .ToList();

        var counts = new ImportCounts();
        var active = await ActiveProspectsAsync();
        var toGrains = groups.Where(g => active.Contains(g.Domain.Value)).ToList();
        var bulk = groups.Where(g => !active.Contains(g.Domain.Value)).ToList();
        foreach (var batch in bulk.Chunk(BatchSize))
        {
            var result = await ProspectBulkMerge.MergeAsync(database, batch, time.GetUtcNow(), CancellationToken.None);
            foreach (var group in batch)
            {
                if (result.Outcomes.TryGetValue(group.Domain.Value, out var outcome))
                {
                    counts.Add(outcome, group.Records.Count);
                }
            }

            toGrains.AddRange(result.Conflicts);
        }

        await ForEachAsync(toGrains, async group =>
        {
            var result = await GrainFactory.GetGrain<IProspectGrain>(group.Domain.Value).MergeAsync([.. group.Records.Select(r => r.ToContract())]);
            counts.Add(result.Outcome, group.Records.Count);
        });

        // A grain that activated while its company was written set-based holds the row it read before: refresh it.
        var writtenInBulk = bulk.Select(g => g.Domain.Value).ToHashSet(StringComparer.Ordinal);
        var stale = (await ActiveProspectsAsync()).Where(writtenInBulk.Contains).ToList();
        await ForEachAsync(stale, domain => GrainFactory.GetGrain<IProspectGrain>(domain).RefreshAsync());

        await RecordPublishedAddressesAsync(read.Records);

        logger.LogInformation(
            "Prospect CSV import: {Rows} rows, {Imported} new, {Merged} merged, {Unchanged} unchanged, {Rejected} rejected ({Grains} through their grain)",
            read.RowsRead, counts.Imported, counts.Merged, counts.Unchanged, rejectedLines, toGrains.Count);
        return new ProspectImportReport(counts.Imported, counts.Merged, counts.Unchanged, rejectedLines, errors);
    }

    /// <summary>The domains whose <see cref="IProspectGrain"/> is active on any silo.</summary>
    /// <summary>Who the consent evidence of an imported row says recorded it.</summary>
    public const string ImportRecorder = "csv import";

    /// <summary>
    /// A row that says where and when its e-mail address was published (<c>email_source_url</c>, <c>email_seen_at</c>)
    /// records a conspicuous-publication basis through the prospect's grain (idempotent: the same evidence is one row).
    /// Rows without both record nothing: no page or date is ever guessed.
    /// </summary>
    private async Task RecordPublishedAddressesAsync(IReadOnlyList<ProspectSourceRecord> records)
    {
        var published = records
            .Where(r => r is { Email: not null, EmailSourceUrl: not null, EmailSeenAt: not null })
            .DistinctBy(r => (r.Domain.Value, r.Email!.ToLowerInvariant(), r.EmailSourceUrl, r.EmailSeenAt))
            .ToList();
        await ForEachAsync(published, async record =>
        {
            var evidence = new ProspectConsentEvidence(ProspectConsentKinds.ConspicuousPublication, record.Email!, record.EmailSourceUrl,
                record.EmailSeenAt!.Value, null, false,
                $"Imported list: the business's address as published on {record.EmailSourceUrl}; Avenir's offers concern the business's operations.",
                ImportRecorder);
            if (ProspectConsentValidation.Validate(evidence, time.GetUtcNow()).Count == 0)
            {
                await GrainFactory.GetGrain<IProspectGrain>(record.Domain.Value).RecordConsentAsync(evidence);
            }
        });
    }

    private async Task<HashSet<string>> ActiveProspectsAsync()
    {
        var type = GrainFactory.GetGrain<IProspectGrain>("example.com").GetGrainId().Type;
        var ids = await GrainFactory.GetGrain<IManagementGrain>(0).GetActiveGrains(type);
        return ids.Select(id => id.Key.ToString()!).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> call)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await call(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Every data row counted once: a created company's first row is imported, its others merged.</summary>
    private sealed class ImportCounts
    {
        private int imported, merged, unchanged;

        public int Imported => imported;

        public int Merged => merged;

        public int Unchanged => unchanged;

        public void Add(ProspectMergeOutcome outcome, int rows)
        {
            switch (outcome)
            {
                case ProspectMergeOutcome.Created:
                    Interlocked.Increment(ref imported);
                    Interlocked.Add(ref merged, rows - 1);
                    break;
                case ProspectMergeOutcome.Merged:
                    Interlocked.Add(ref merged, rows);
                    break;
                default:
                    Interlocked.Add(ref unchanged, rows);
                    break;
            }
        }
    }
}

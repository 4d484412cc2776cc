using Avenir.Contracts.Prospects;
using Orleans.Concurrency;

namespace Avenir.Grains.Prospects;

/// <inheritdoc cref="IProspectImportGrain"/>
/// <remarks>
/// Writes nothing itself: each distinct domain's rows go to that domain's <see cref="IProspectGrain"/> in one call
/// (the rows of a file are grouped first, so a duplicated company is one call), at most <see cref="Parallelism"/>
/// calls at a time. The grain compares before writing, so a second import of the same file writes no row.
/// </remarks>
[StatelessWorker]
public sealed class ProspectImportGrain(IProspectCsvReader reader, ILogger<ProspectImportGrain> logger) : Grain, IProspectImportGrain
{
    /// <summary>Grain calls in flight per import: enough to keep PostgreSQL's connections busy on a small machine.</summary>
    public const int Parallelism = 48;

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

        var groups = read.Records.GroupBy(r => r.Domain.Value, StringComparer.Ordinal)
            .Select(g => (Domain: g.Key, Records: (IReadOnlyList<ProspectRecord>)[.. g.Select(r => r.ToContract())]))
            .ToList();
        int imported = 0, merged = 0, unchanged = 0;
        using var gate = new SemaphoreSlim(Parallelism);
        var calls = groups.Select(async group =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await GrainFactory.GetGrain<IProspectGrain>(group.Domain).MergeAsync(group.Records);
                switch (result.Outcome)
                {
                    case ProspectMergeOutcome.Created:
                        Interlocked.Increment(ref imported);
                        Interlocked.Add(ref merged, group.Records.Count - 1);
                        break;
                    case ProspectMergeOutcome.Merged:
                        Interlocked.Add(ref merged, group.Records.Count);
                        break;
                    default:
                        Interlocked.Add(ref unchanged, group.Records.Count);
                        break;
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(calls);

        logger.LogInformation("Prospect CSV import: {Rows} rows, {Imported} new, {Merged} merged, {Unchanged} unchanged, {Rejected} rejected",
            read.RowsRead, imported, merged, unchanged, rejectedLines);
        return new ProspectImportReport(imported, merged, unchanged, rejectedLines, errors);
    }
}

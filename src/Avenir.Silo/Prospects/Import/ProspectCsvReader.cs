using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Import;

/// <summary>The import grain's CSV reader: <see cref="ProspectCsvImporter"/> (CsvHelper) behind the grains' interface.</summary>
public sealed class ProspectCsvReader(ProspectCsvImporter importer) : IProspectCsvReader
{
    public async Task<(IReadOnlyList<ProspectSourceRecord> Records, IReadOnlyList<(long Line, string Message)> Errors, int RowsRead)> ReadAsync(
        Stream csv, CancellationToken cancellationToken)
    {
        var import = await importer.ImportAsync(csv, cancellationToken);
        return (import.Records,
            [.. import.Errors.Select(e => (e.Line, e.Column is null ? e.Message : $"{e.Column}: {e.Message}"))],
            import.RowsRead);
    }
}

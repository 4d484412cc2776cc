namespace Avenir.Grains.Prospects;

/// <summary>A CSV prospect list read into records and line-numbered errors (the silo's CsvHelper importer implements it).</summary>
public interface IProspectCsvReader
{
    Task<(IReadOnlyList<ProspectSourceRecord> Records, IReadOnlyList<(long Line, string Message)> Errors, int RowsRead)> ReadAsync(
        Stream csv, CancellationToken cancellationToken);
}

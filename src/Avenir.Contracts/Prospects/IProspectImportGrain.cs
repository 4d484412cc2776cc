namespace Avenir.Contracts.Prospects;

/// <summary>One rejected row of a CSV import.</summary>
/// <param name="Line">As a spreadsheet numbers it: the header is line 1.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectImportError")]
public sealed record ProspectImportError([property: Id(0)] long Line, [property: Id(1)] string Message);

/// <summary>
/// What an import did. Every data row is counted once: <c>imported</c> (it created a prospect), <c>merged</c> (it
/// added to a prospect that existed, or to another row of the file with the same domain), <c>unchanged</c> (it told
/// nothing new: a second import of the same file is all unchanged) or <c>rejected</c> (see <c>errors</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectImportReport")]
public sealed record ProspectImportReport(
    [property: Id(0)] int Imported,
    [property: Id(1)] int Merged,
    [property: Id(2)] int Unchanged,
    [property: Id(3)] int Rejected,
    [property: Id(4)] IReadOnlyList<ProspectImportError> Errors);

/// <summary>
/// Imports a CSV prospect list (stateless worker, key 0): parses it, groups the rows by normalised domain and merges
/// each group through that domain's <see cref="IProspectGrain"/> (the single writer), a bounded number at a time.
/// </summary>
[Alias("Avenir.Contracts.Prospects.IProspectImportGrain")]
public interface IProspectImportGrain : IGrainWithIntegerKey
{
    /// <summary>Imports the file (UTF-8, <c>,</c> or <c>;</c>, EN/FR headers). Good rows import, bad ones are reported by line.</summary>
    /// <remarks>A large file (34,823 rows measured in well under 30 s, docs/prospects.md) gets more than the default call timeout on slow machines.</remarks>
    [Alias("ImportCsv")]
    [ResponseTimeout("00:02:00")]
    Task<ProspectImportReport> ImportCsvAsync(byte[] csv);
}

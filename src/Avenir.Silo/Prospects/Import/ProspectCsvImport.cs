using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Import;

/// <summary>What an import read: the good rows as records, and every problem with its line.</summary>
/// <param name="Records">One record per good row (source <c>csv</c>), ready to merge.</param>
/// <param name="Errors">Problems, by line; a row with an error is not imported, the others are.</param>
/// <param name="RowsRead">Data rows read (the header not counted).</param>
/// <param name="Separator">The separator found (<c>,</c> or <c>;</c>…).</param>
public sealed record ProspectCsvImport(IReadOnlyList<ProspectSourceRecord> Records, IReadOnlyList<ProspectCsvError> Errors, int RowsRead, char Separator);

/// <summary>A problem in the file.</summary>
/// <param name="Line">The line as a spreadsheet numbers it: the header is line 1, the first data row line 2.</param>
/// <param name="Column">The column's header as written in the file, when the problem is one field's.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record ProspectCsvError(long Line, string? Column, string Message);

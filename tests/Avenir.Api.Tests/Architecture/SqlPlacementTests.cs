using System.Text.RegularExpressions;

namespace Avenir.Api.Tests.Architecture;

/// <summary>
/// The rule of decision 0008, checked on the sources: SQL lives only in <c>*Rows.cs</c> (a writer's statements) and
/// <c>*Queries.cs</c> (reads) files, or in migrations; rows are read by column name, positionally only on intake's
/// hand-tuned path.
/// </summary>
public sealed partial class SqlPlacementTests
{
    /// <summary>Files allowed to read columns by position: intake's batches (a measured hot path) and the pipeline that carries them.</summary>
    private static readonly string[] PositionalReaders = ["LeadIntakeRows.cs", "LeadIntakeSearchRows.cs", "TenantPipeline.cs"];

    [GeneratedRegex(@"\b(SELECT\s+[a-z*(0-9]|INSERT\s+INTO|DELETE\s+FROM)|\bUPDATE\s+[a-z_]+\s+(AS\s+[a-z]+\s+)?SET\b")]
    private static partial Regex Sql();

    [GeneratedRegex(@"\breader\.(Get[A-Za-z]*(<[^>]+>)?|IsDBNull)\(\s*\d")]
    private static partial Regex PositionalRead();

    private static IEnumerable<string> SourceFiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Avenir.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    [Fact]
    public void Sql_appears_only_in_rows_and_queries_files()
    {
        var files = SourceFiles().ToList();
        var misplaced = files
            .Where(path => !path.EndsWith("Rows.cs", StringComparison.Ordinal) && !path.EndsWith("Queries.cs", StringComparison.Ordinal))
            .Where(path => Sql().IsMatch(File.ReadAllText(path)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.True(files.Count > 100, "the source tree was found");
        Assert.Empty(misplaced);
    }

    [Fact]
    public void Columns_are_read_by_name_outside_intakes_hot_path()
    {
        var positional = SourceFiles()
            .Where(path => !PositionalReaders.Contains(Path.GetFileName(path), StringComparer.Ordinal))
            .Where(path => PositionalRead().IsMatch(File.ReadAllText(path)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(positional);
    }
}

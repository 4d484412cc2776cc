using System.Text.RegularExpressions;

namespace Avenir.Api.Tests.Architecture;

/// <summary>
/// The web UI's imports flow one way: main → router → pages → shared modules (and components). No page imports another
/// page, and nothing but main imports the router, so there is no cycle.
/// </summary>
public sealed partial class WebUiModuleTests
{
    [GeneratedRegex(@"^import\s+[^;]*?from\s+'(?<path>[^']+)';", RegexOptions.Multiline)]
    private static partial Regex Import();

    private static Dictionary<string, string[]> Imports()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Avenir.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var js = Path.Combine(root.FullName, "src", "Avenir.Api", "wwwroot", "js");
        return Directory.EnumerateFiles(js, "*.js", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(js, file).Replace('\\', '/'),
            file => Import().Matches(File.ReadAllText(file))
                .Select(match => Path
                    .GetRelativePath(js, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, match.Groups["path"].Value)))
                    .Replace('\\', '/'))
                .ToArray(),
            StringComparer.Ordinal);
    }

    [Fact]
    public void Pages_import_no_page_and_only_main_imports_the_router()
    {
        var imports = Imports();

        Assert.Contains("main.js", imports.Keys);
        Assert.All(imports.Where(file => file.Key.StartsWith("pages/", StringComparison.Ordinal)),
            page => Assert.DoesNotContain(
                page.Value, target => target.StartsWith("pages/", StringComparison.Ordinal) || target is "router.js" or "main.js" or "shell.js"));
        Assert.All(imports.Where(file => file.Key != "main.js"), file => Assert.DoesNotContain("router.js", file.Value));
        Assert.All(imports.Where(file => file.Key is not ("main.js" or "router.js")),
            file => Assert.DoesNotContain(file.Value, target => target.StartsWith("pages/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_module_graph_has_no_cycle()
    {
        var imports = Imports();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done

        bool Cycle(string file)
        {
            if (state.GetValueOrDefault(file) == 2)
            {
                return false;
            }

            if (state.GetValueOrDefault(file) == 1)
            {
                return true;
            }

            state[file] = 1;
            var found = imports.GetValueOrDefault(file, []).Any(Cycle);
            state[file] = 2;
            return found;
        }

        Assert.DoesNotContain(imports.Keys, Cycle);
    }
}

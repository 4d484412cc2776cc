using System.Text.Json;
using System.Text.RegularExpressions;

namespace Avenir.Api.Tests.Architecture;

/// <summary>Build settings that must move together, checked where they are written.</summary>
public sealed partial class BuildSettingsTests
{
    [GeneratedRegex(@"<AspireVersion>(\d+)\.(\d+)\.\d+</AspireVersion>")]
    private static partial Regex AspireVersion();

    private static string Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Avenir.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return root.FullName;
    }

    [Fact]
    public void The_apphost_sdk_and_the_aspire_packages_are_of_one_minor_version()
    {
        var root = Root();
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "global.json")));
        var sdk = global.RootElement.GetProperty("msbuild-sdks").GetProperty("Aspire.AppHost.Sdk").GetString()!.Split('.');
        var packages = AspireVersion().Match(File.ReadAllText(Path.Combine(root, "Directory.Packages.props")));

        Assert.True(packages.Success, "AspireVersion is set in Directory.Packages.props");
        Assert.Equal((packages.Groups[1].Value, packages.Groups[2].Value), (sdk[0], sdk[1]));
        Assert.Contains(
            "Sdk=\"Aspire.AppHost.Sdk\"", File.ReadAllText(Path.Combine(root, "src", "Avenir.AppHost", "Avenir.AppHost.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void No_analyzer_rule_is_switched_off_outside_the_editorconfig()
    {
        // Directory.Build.props may silence only package and SDK notices; analyzer rules are decided, with reasons, in .editorconfig.
        var props = File.ReadAllText(Path.Combine(Root(), "Directory.Build.props"));

        Assert.DoesNotMatch(@"<NoWarn>[^<]*\bCA\d{4}", props);
        Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props, StringComparison.Ordinal);
    }

    [Fact]
    public void No_project_compiles_another_projects_source_files()
    {
        // Shared code is shared by a project reference; a linked <Compile Include="..\x.cs"> hides a dependency.
        var linked = Directory.EnumerateFiles(Root(), "*.csproj", SearchOption.AllDirectories)
            .Where(project => !project.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(project => File.ReadAllText(project).Contains("<Compile Include=", StringComparison.Ordinal))
            .Select(Path.GetFileName);

        Assert.Empty(linked);
    }
}

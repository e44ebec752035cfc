using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ShapeBlock.Packaging.Tests;

/// <summary>Facts about the repository the tests run in: where it is, its version, commit and package sources.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeBlock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ShapeBlock.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The folder that holds ShapeBlock.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The template folders (those with a <c>.template.config/template.json</c>) under <c>templates/content</c>.</summary>
    public static IReadOnlyList<string> TemplateFolders =>
        [.. Directory.GetDirectories(Path.Combine(Root, "templates", "content"))
            .Where(d => File.Exists(Path.Combine(d, ".template.config", "template.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>A template folder's <c>.template.config/template.json</c>.</summary>
    /// <param name="folder">The folder name under <c>templates/content</c>.</param>
    /// <returns>The parsed definition.</returns>
    public static JsonNode TemplateJson(string folder) =>
        JsonNode.Parse(
            File.ReadAllText(Path.Combine(Root, "templates", "content", folder, ".template.config", "template.json")),
            documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    /// <summary>The <c>Version</c> every package gets, from Directory.Build.props.</summary>
    public static string Version =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value.Trim();

    /// <summary>The upstream (http) package sources of the repository's nuget.config, name to URL.</summary>
    public static IReadOnlyList<(string Key, string Url)> UpstreamSources =>
        [.. XDocument.Load(Path.Combine(Root, "nuget.config")).Descendants("packageSources").Elements("add")
            .Select(e => (Key: (string?)e.Attribute("key") ?? "", Url: (string?)e.Attribute("value") ?? ""))
            .Where(s => s.Url.StartsWith("http://", StringComparison.Ordinal) || s.Url.StartsWith("https://", StringComparison.Ordinal))];

    /// <summary>The commit checked out (what the packages' repository metadata and SourceLink must name).</summary>
    /// <returns>The 40-hex commit id.</returns>
    public static async Task<string> HeadCommitAsync()
    {
        var result = await ChildProcess.RunAsync("git", ["rev-parse", "HEAD"], Root, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim();
    }
}

using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Api.Charts;

/// <summary>Renders a chart directory (Chart.yaml, values.yaml, crds/, templates/) to plain manifests.</summary>
public static class ChartRenderer
{
    /// <summary>Renders every CRD and template of a chart, in file-name order (CRDs first).</summary>
    /// <param name="chartDirectory">The chart folder.</param>
    /// <param name="releaseNamespace">Namespace of the release.</param>
    /// <param name="overrides">Values that override values.yaml, or null.</param>
    /// <returns>Every rendered document.</returns>
    public static IReadOnlyList<JsonNode> Render(string chartDirectory, string releaseNamespace, JsonNode? overrides = null)
    {
        var documents = new List<JsonNode>();
        foreach (var crd in Files(Path.Combine(chartDirectory, "crds")))
        {
            documents.AddRange(YamlJson.ParseDocuments(File.ReadAllText(crd)));
        }

        documents.AddRange(RenderTemplates(
            File.ReadAllText(Path.Combine(chartDirectory, "values.yaml")),
            Files(Path.Combine(chartDirectory, "templates")).Select(f => KeyValuePair.Create(Path.GetFileName(f), File.ReadAllText(f))),
            releaseNamespace,
            overrides));
        return documents;
    }

    /// <summary>Renders templates given as text (e.g. embedded in an assembly), in name order.</summary>
    /// <param name="valuesYaml">The chart's values.yaml.</param>
    /// <param name="templates">Template file names and texts.</param>
    /// <param name="releaseNamespace">Namespace of the release.</param>
    /// <param name="overrides">Values that override values.yaml, or null.</param>
    /// <returns>Every rendered document.</returns>
    public static IReadOnlyList<JsonNode> RenderTemplates(string valuesYaml, IEnumerable<KeyValuePair<string, string>> templates, string releaseNamespace, JsonNode? overrides = null)
    {
        var values = ChartTemplate.MergeValues(YamlJson.Parse(valuesYaml) ?? new JsonObject(), overrides);
        var documents = new List<JsonNode>();
        foreach (var (_, text) in templates.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            documents.AddRange(YamlJson.ParseDocuments(ChartTemplate.Render(text, values, releaseNamespace)));
        }

        return documents;
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal)
            : [];
}

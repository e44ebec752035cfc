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
        var defaults = YamlJson.Parse(File.ReadAllText(Path.Combine(chartDirectory, "values.yaml"))) ?? new JsonObject();
        var values = ChartTemplate.MergeValues(defaults, overrides);
        var documents = new List<JsonNode>();
        foreach (var crd in Files(Path.Combine(chartDirectory, "crds")))
        {
            documents.AddRange(YamlJson.ParseDocuments(File.ReadAllText(crd)));
        }

        foreach (var template in Files(Path.Combine(chartDirectory, "templates")))
        {
            var text = ChartTemplate.Render(File.ReadAllText(template), values, releaseNamespace);
            documents.AddRange(YamlJson.ParseDocuments(text));
        }

        return documents;
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal)
            : [];
}

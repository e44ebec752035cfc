using System.Text.Json.Nodes;
using ShapeBlock.Api.Charts;

namespace ShapeBlock.Sdk.Platform;

/// <summary>
/// The ShapeBlock operator's manifests: <c>operator/chart</c> (embedded in this assembly) rendered with the
/// image version and the platform namespace — the same chart the Helm users install, so there is one
/// source of truth for RBAC, probes and resources. The CRDs come from their own plan step.
/// </summary>
internal static class OperatorManifests
{
    public const string Name = "shapeblock-operator";
    public const string Image = "ghcr.io/shapeblock/operator";
    private const string Prefix = "operator-chart/";

    public static IReadOnlyList<JsonObject> Render(string version)
    {
        var assembly = typeof(OperatorManifests).Assembly;
        string Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded chart file {name} is missing");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        var templates = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + "templates/", StringComparison.Ordinal))
            .Select(n => KeyValuePair.Create(n, Read(n)));
        var overrides = new JsonObject { ["image"] = new JsonObject { ["tag"] = version } };
        return [.. ChartRenderer.RenderTemplates(Read(Prefix + "values.yaml"), templates, K8s.SystemNamespace, overrides).Select(d => d.AsObject())];
    }
}

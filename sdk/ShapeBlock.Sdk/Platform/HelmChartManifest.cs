using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Sdk.Platform;

/// <summary>Builds <c>helm.cattle.io/v1</c> HelmChart objects, which helm-controller installs and upgrades.</summary>
internal static class HelmChartManifest
{
    public const string ApiVersion = "helm.cattle.io/v1";

    /// <summary>Where platform HelmCharts live (helm-controller watches every namespace; k3s keeps its own here too).</summary>
    public const string Namespace = "kube-system";

    public static JsonObject Create(string name, string chart, string repo, string version, string targetNamespace, JsonObject values)
    {
        var helmChart = K8s.Object(ApiVersion, "HelmChart", name, Namespace);
        helmChart["spec"] = new JsonObject
        {
            ["chart"] = chart,
            ["repo"] = repo,
            ["version"] = version,
            ["targetNamespace"] = targetNamespace,
            ["createNamespace"] = true,
            ["failurePolicy"] = "abort",
            ["backOffLimit"] = 3,
            // Explicit values (a YAML string, as helm-controller expects) so the footprint test can read every request.
            ["valuesContent"] = YamlJson.ToYaml(values),
        };
        return helmChart;
    }
}

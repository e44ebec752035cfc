using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Testing.Kubernetes;

/// <summary>Objects a fresh cluster has, and ShapeBlock's CRDs.</summary>
public static class ClusterSeed
{
    /// <summary>Namespaces every cluster starts with.</summary>
    public static IReadOnlyList<string> Namespaces { get; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>ShapeBlock's five CRDs, generated from the C# types of <c>ShapeBlock.Api</c> (the same as <c>operator/chart/crds</c>).</summary>
    /// <returns>The CRD objects.</returns>
    public static IReadOnlyList<JsonObject> ShapeBlockCrds() => [.. Generated.Value.Select(c => (JsonObject)c.DeepClone())];

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Test harness; never trimmed.")]
    private static readonly Lazy<IReadOnlyList<JsonObject>> Generated = new(() => new CrdGenerator().GenerateAll());

    /// <summary>k3s's built-in helm-controller CRDs (<c>helm.cattle.io/v1</c> HelmChart and HelmChartConfig).</summary>
    /// <returns>The CRD objects.</returns>
    public static IReadOnlyList<JsonObject> HelmControllerCrds() => [HelmCrd("HelmChart", "helmcharts", status: true), HelmCrd("HelmChartConfig", "helmchartconfigs", status: false)];

    private static JsonObject HelmCrd(string kind, string plural, bool status)
    {
        var version = new JsonObject
        {
            ["name"] = "v1",
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
        };
        if (status)
        {
            version["subresources"] = new JsonObject { ["status"] = new JsonObject() };
            version["additionalPrinterColumns"] = new JsonArray(
                new JsonObject { ["name"] = "Job", ["type"] = "string", ["jsonPath"] = ".status.jobName" },
                new JsonObject { ["name"] = "Chart", ["type"] = "string", ["jsonPath"] = ".spec.chart" },
                new JsonObject { ["name"] = "TargetNamespace", ["type"] = "string", ["jsonPath"] = ".spec.targetNamespace" },
                new JsonObject { ["name"] = "Version", ["type"] = "string", ["jsonPath"] = ".spec.version" },
                new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" });
        }

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{plural}.helm.cattle.io" },
            ["spec"] = new JsonObject
            {
                ["group"] = "helm.cattle.io",
                ["names"] = new JsonObject { ["kind"] = kind, ["listKind"] = kind + "List", ["plural"] = plural, ["singular"] = kind.ToLowerInvariant() },
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(version),
            },
        };
    }
}

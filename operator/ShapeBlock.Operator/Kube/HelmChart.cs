using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Kube;

/// <summary>
/// A <c>helm.cattle.io/v1</c> HelmChart as the operator sees it. Read from the API, only metadata and the
/// status fields readiness needs are kept (the values stay out of the cache: whether a chart is up to date
/// is decided by its <c>shapeblock.io/values-hash</c> annotation). Written, it carries the rendered spec.
/// </summary>
internal sealed class HelmChart : IKubernetesObject<V1ObjectMeta>
{
    public const string FailedCondition = "Failed";

    public string ApiVersion { get; set; } = "helm.cattle.io/v1";

    public string Kind { get; set; } = "HelmChart";

    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The spec to write; null for objects read from the API.</summary>
    public JsonObject? Spec { get; set; }

    /// <summary>The helm-controller's install Job (<c>status.jobName</c>).</summary>
    public string? JobName { get; set; }

    /// <summary>The helm-controller's <c>Failed</c> condition is True.</summary>
    public bool Failed { get; set; }

    /// <summary>The object to write from a rendered HelmChart.</summary>
    public static HelmChart FromRendered(JsonObject rendered) => new()
    {
        Metadata = rendered["metadata"].Deserialize(KubeJsonContext.Default.V1ObjectMeta) ?? new V1ObjectMeta(),
        Spec = rendered["spec"]!.DeepClone().AsObject(),
    };
}

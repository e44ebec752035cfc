using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Platform;

/// <summary>
/// Standalone helm-controller for clusters that are not k3s (k3s has it built in): its CRDs, a service
/// account and the Deployment, pinned to <see cref="PlatformVersions.HelmController"/>.
/// </summary>
internal static class HelmControllerManifests
{
    public const string Namespace = "kube-system";

    public static IReadOnlyList<JsonObject> Render()
    {
        var container = new JsonObject
        {
            ["name"] = "helm-controller",
            ["image"] = $"rancher/helm-controller:{PlatformVersions.HelmController}",
            ["command"] = K8s.Array("helm-controller"),
            ["env"] = K8s.Array(new JsonObject
            {
                ["name"] = "NODE_NAME",
                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "spec.nodeName" } },
            }),
            ["resources"] = K8s.Resources("10m", "48Mi", "128Mi"),
        };
        return
        [
            Crd("HelmChart", "helmcharts"),
            Crd("HelmChartConfig", "helmchartconfigs"),
            K8s.ServiceAccount("helm-controller", Namespace),
            // helm-controller installs arbitrary charts, so upstream binds it to cluster-admin; we keep that.
            K8s.ClusterRoleBinding("helm-controller", "cluster-admin", "helm-controller", Namespace),
            K8s.Deployment("helm-controller", Namespace, "helm-controller", "helm-controller", container),
        ];
    }

    private static JsonObject Crd(string kind, string plural)
    {
        var crd = K8s.Object("apiextensions.k8s.io/v1", "CustomResourceDefinition", $"{plural}.helm.cattle.io");
        crd["spec"] = new JsonObject
        {
            ["group"] = "helm.cattle.io",
            ["names"] = new JsonObject { ["kind"] = kind, ["plural"] = plural, ["singular"] = kind.ToLowerInvariant() },
            ["scope"] = "Namespaced",
            ["versions"] = K8s.Array(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["x-kubernetes-preserve-unknown-fields"] = true,
                    },
                },
            }),
        };
        return crd;
    }
}

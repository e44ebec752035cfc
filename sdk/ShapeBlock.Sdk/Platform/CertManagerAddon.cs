using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Platform;

/// <summary>cert-manager as a HelmChart with small-node values, and the Let's Encrypt ClusterIssuer (HTTP-01).</summary>
internal static class CertManagerAddon
{
    public const string IssuerName = "letsencrypt";

    public static JsonObject Chart() => HelmChartManifest.Create(
        "cert-manager", "cert-manager", "https://charts.jetstack.io", PlatformVersions.CertManagerChart, "cert-manager",
        new JsonObject
        {
            ["crds"] = new JsonObject { ["enabled"] = true },
            ["replicaCount"] = 1,
            ["resources"] = K8s.Resources("10m", "48Mi", "128Mi"),
            ["prometheus"] = new JsonObject { ["enabled"] = false },
            ["webhook"] = new JsonObject { ["replicaCount"] = 1, ["resources"] = K8s.Resources("10m", "24Mi", "64Mi") },
            ["cainjector"] = new JsonObject { ["replicaCount"] = 1, ["resources"] = K8s.Resources("10m", "48Mi", "128Mi") },
            ["startupapicheck"] = new JsonObject { ["resources"] = K8s.Resources("10m", "16Mi", "64Mi") },
        });

    public static JsonObject ClusterIssuer(CertManagerOptions options, Ingress ingress)
    {
        var issuer = K8s.Object("cert-manager.io/v1", "ClusterIssuer", IssuerName);
        issuer["spec"] = new JsonObject
        {
            ["acme"] = new JsonObject
            {
                ["server"] = options.Staging
                    ? "https://acme-staging-v02.api.letsencrypt.org/directory"
                    : "https://acme-v02.api.letsencrypt.org/directory",
                ["email"] = options.Email,
                ["privateKeySecretRef"] = new JsonObject { ["name"] = "letsencrypt-account-key" },
                ["solvers"] = K8s.Array(new JsonObject
                {
                    ["http01"] = new JsonObject { ["ingress"] = new JsonObject { ["ingressClassName"] = IngressAddon.ClassName(ingress) } },
                }),
            },
        };
        return issuer;
    }
}

using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Platform;

/// <summary>The ingress controller as a HelmChart with small-node values.</summary>
internal static class IngressAddon
{
    public static string ClassName(Ingress ingress) => ingress == Ingress.Nginx ? "nginx" : "traefik";

    public static JsonObject Nginx() => HelmChartManifest.Create(
        "ingress-nginx", "ingress-nginx", "https://kubernetes.github.io/ingress-nginx", PlatformVersions.IngressNginxChart, "ingress-nginx",
        new JsonObject
        {
            ["controller"] = new JsonObject
            {
                ["replicaCount"] = 1,
                ["ingressClassResource"] = new JsonObject { ["name"] = "nginx", ["default"] = true },
                ["service"] = new JsonObject { ["type"] = "LoadBalancer", ["externalTrafficPolicy"] = "Local" },
                ["config"] = new JsonObject { ["worker-processes"] = "2" },
                ["resources"] = K8s.Resources("50m", "96Mi", "256Mi"),
                ["metrics"] = new JsonObject { ["enabled"] = false },
                ["admissionWebhooks"] = new JsonObject
                {
                    ["enabled"] = true,
                    ["createSecretJob"] = new JsonObject { ["resources"] = K8s.Resources("10m", "16Mi", "64Mi") },
                    ["patchWebhookJob"] = new JsonObject { ["resources"] = K8s.Resources("10m", "16Mi", "64Mi") },
                },
            },
            ["defaultBackend"] = new JsonObject { ["enabled"] = false },
        });

    public static JsonObject Traefik() => HelmChartManifest.Create(
        "traefik", "traefik", "https://traefik.github.io/charts", PlatformVersions.TraefikChart, "traefik",
        new JsonObject
        {
            ["deployment"] = new JsonObject { ["replicas"] = 1 },
            ["ingressClass"] = new JsonObject { ["enabled"] = true, ["isDefaultClass"] = true, ["name"] = "traefik" },
            ["service"] = new JsonObject { ["type"] = "LoadBalancer" },
            ["resources"] = K8s.Resources("50m", "64Mi", "192Mi"),
        });
}

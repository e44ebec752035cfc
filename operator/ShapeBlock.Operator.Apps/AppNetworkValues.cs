using System.Text.Json.Nodes;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>The <c>services</c>, <c>ingresses</c> and <c>hpas</c> sections of an app's chart values.</summary>
internal static class AppNetworkValues
{
    /// <summary>A ClusterIP Service <c>&lt;app&gt;</c> on the app port, selecting the web pods only (not the workers).</summary>
    public static JsonObject Services(App app)
    {
        var port = AppWorkloadValues.Port(app.Spec);
        return new JsonObject
        {
            [app.Metadata.Name] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["extraSelectorLabels"] = new JsonObject { [AppWorkloadValues.ProcessLabel] = AppWorkloadValues.WebProcess },
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = port, ["targetPort"] = port }),
            },
        };
    }

    /// <summary>
    /// One Ingress per domain, keyed by host, to the app's Service. With TLS (the default) the chart adds
    /// the cert-manager annotations and a TLS block whose Secret cert-manager fills.
    /// </summary>
    public static JsonObject Ingresses(App app, AppRenderOptions options)
    {
        var ingresses = new JsonObject();
        foreach (var domain in app.Spec.Domains ?? [])
        {
            var ingress = new JsonObject
            {
                // Explicit name: the chart would use the host, which is not a valid name for '*.example.com'
                // and is cut at 63 characters.
                ["name"] = IngressName(domain.Host),
                ["ingressClassName"] = options.IngressClassName,
                ["hosts"] = new JsonArray(Host(app, domain.Host)),
            };
            if (domain.Tls ?? true)
            {
                // originalIssuerName is used as written; issuerName would get the release prefix.
                ingress["certManager"] = new JsonObject
                {
                    ["issuerType"] = "cluster-issuer",
                    ["originalIssuerName"] = options.ClusterIssuer,
                };
            }

            ingresses[domain.Host] = ingress;
        }

        return ingresses;
    }

    /// <summary>
    /// A CPU HorizontalPodAutoscaler for the web Deployment. autoscaling/v2 with raw metrics: the chart's
    /// own <c>targetCPU</c> writes the autoscaling/v2beta1 field removed in Kubernetes 1.25.
    /// </summary>
    public static JsonObject Hpas(App app)
    {
        if (app.Spec.Autoscaling is not { } autoscaling)
        {
            return [];
        }

        return new JsonObject
        {
            [app.Metadata.Name] = new JsonObject
            {
                ["apiVersion"] = "autoscaling/v2",
                ["scaleTargetRef"] = new JsonObject { ["name"] = app.Metadata.Name },
                ["minReplicas"] = autoscaling.MinReplicas ?? 1,
                ["maxReplicas"] = autoscaling.MaxReplicas,
                ["metrics"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Resource",
                    ["resource"] = new JsonObject
                    {
                        ["name"] = "cpu",
                        ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = autoscaling.TargetCPUUtilization ?? 80 },
                    },
                }),
            },
        };
    }

    private static JsonObject Host(App app, string host)
    {
        var rule = new JsonObject
        {
            ["paths"] = new JsonArray(new JsonObject
            {
                ["path"] = "/",
                ["pathType"] = "Prefix",
                ["serviceName"] = app.Metadata.Name,
                ["servicePort"] = AppWorkloadValues.Port(app.Spec),
            }),
        };
        if (host.StartsWith('*'))
        {
            // The chart prints the host unquoted (`host: {{ $host }}`), and a plain scalar starting
            // with '*' is a YAML alias: give it as a hostname that carries its own quotes.
            rule["hostname"] = $"\"{host}\"";
        }

        return rule;
    }

    /// <summary>The Ingress name of a host: the host, <c>*</c> spelled <c>wildcard</c>, fitted to 63 characters.</summary>
    public static string IngressName(string host) => KubeNames.Fit(host.Replace("*", "wildcard", StringComparison.Ordinal));
}

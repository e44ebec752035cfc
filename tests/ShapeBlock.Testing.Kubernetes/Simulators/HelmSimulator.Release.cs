using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

public sealed partial class HelmSimulator
{
    private const string KlipperHelmImage = "rancher/klipper-helm:v0.9.4-build20250113";

    private static JsonObject HelmJob(StoredObject chart, JsonObject json, string jobName, string action, string hash)
    {
        var spec = json["spec"] as JsonObject ?? [];
        JsonObject Env(string name, string? value) => new() { ["name"] = name, ["value"] = value ?? "" };
        var labels = new JsonObject { [ChartLabel] = chart.Name };
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject
            {
                ["name"] = jobName,
                ["namespace"] = chart.Namespace,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { [HashAnnotation] = hash },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "helm.cattle.io/v1",
                    ["kind"] = "HelmChart",
                    ["name"] = chart.Name,
                    ["uid"] = chart.Uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = false,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = spec["backOffLimit"]?.GetValue<int>() ?? 1000,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone(), ["annotations"] = new JsonObject { [HashAnnotation] = hash } },
                    ["spec"] = new JsonObject
                    {
                        ["serviceAccountName"] = "helm-" + chart.Name,
                        ["restartPolicy"] = "OnFailure",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "helm",
                            ["image"] = KlipperHelmImage,
                            ["args"] = new JsonArray(action),
                            ["env"] = new JsonArray(
                                Env("NAME", chart.Name),
                                Env("VERSION", spec["version"]?.ToString()),
                                Env("REPO", spec["repo"]?.ToString()),
                                Env("CHART", spec["chart"]?.ToString()),
                                Env("TARGET_NAMESPACE", TargetNamespace(json)),
                                Env("HELM_DRIVER", "secret"),
                                Env("FAILURE_POLICY", spec["failurePolicy"]?.ToString() ?? "reinstall")),
                        }),
                    },
                },
            },
        };
    }

    private void ApplyWorkloads(string release, string ns, IReadOnlyList<ReleaseWorkload> wanted)
    {
        if (Api.Store.Get(new ResourceKey("", "namespaces"), null, ns) is null)
        {
            Api.CreateOwned(Resource("", "namespaces"), null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, AsController);
        }

        // Like helm, an upgrade removes what the previous revision installed and this one does not (the release's
        // record, not a scan of the namespace: that made every install cost a pass over all workloads there).
        var key = ns + "/" + release;
        var previous = applied.GetValueOrDefault(key) ?? [];
        applied[key] = [.. wanted];
        foreach (var (group, plural, kind) in new[] { ("apps", "deployments", "Deployment"), ("apps", "statefulsets", "StatefulSet") })
        {
            var resource = Resource(group, plural);
            var mine = wanted.Where(w => w.Kind == kind).ToList();
            foreach (var gone in previous.Where(p => p.Kind == kind && !mine.Any(m => m.Name == p.Name)))
            {
                if (Api.Store.Get(resource.Key, ns, gone.Name) is { } stale &&
                    stale.Labels.GetValueOrDefault("app.kubernetes.io/instance") == release &&
                    stale.Labels.GetValueOrDefault("app.kubernetes.io/managed-by") == "Helm")
                {
                    Api.Delete(resource, ns, stale.Name, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
                }
            }

            foreach (var workload in mine)
            {
                var desired = Workload(release, ns, workload);
                if (Api.TryGet(resource, ns, workload.Name) is null)
                {
                    Api.CreateOwned(resource, ns, desired, AsController);
                }
                else
                {
                    Api.Mutate(resource, ns, workload.Name, o =>
                    {
                        o["spec"]!["replicas"] = workload.Replicas;
                        o["spec"]!["template"] = desired["spec"]!["template"]!.DeepClone();
                    }, AsController);
                }
            }
        }
    }

    private static JsonObject Workload(string release, string ns, ReleaseWorkload workload)
    {
        var selector = new JsonObject { ["app.kubernetes.io/instance"] = release, ["app.kubernetes.io/name"] = workload.Name };
        var labels = (JsonObject)selector.DeepClone();
        labels["app.kubernetes.io/managed-by"] = "Helm";
        var spec = new JsonObject
        {
            ["replicas"] = workload.Replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = selector.DeepClone() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = selector.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = workload.Image }),
                },
            },
        };
        if (workload.Kind == "StatefulSet")
        {
            spec["serviceName"] = workload.Name;
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = workload.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = workload.Name,
                ["namespace"] = ns,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["meta.helm.sh/release-name"] = release, ["meta.helm.sh/release-namespace"] = ns },
            },
            ["spec"] = spec,
        };
    }
}

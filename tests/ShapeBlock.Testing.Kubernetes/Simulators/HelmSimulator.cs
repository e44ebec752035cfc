using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>
/// helm-controller: a <c>helm.cattle.io/v1</c> HelmChart gets the finalizer
/// <c>wrangler.cattle.io/on-helm-chart-remove</c> and a Job <c>helm-install-&lt;name&gt;</c> (status.jobName);
/// when it completes the release's Deployments/StatefulSets (<see cref="HelmReleaseRules"/>) are created
/// or updated in <c>targetNamespace</c> and the <see cref="WorkloadSimulator"/> makes them available.
/// A spec change replaces the Job (upgrade). Deletion runs <c>helm-delete-&lt;name&gt;</c>, removes the
/// release's workloads and then the finalizer. Outcomes are scripted with <see cref="Script(string, HelmOutcome)"/>.
/// </summary>
public sealed partial class HelmSimulator : Simulator
{
    /// <summary>The finalizer helm-controller puts on HelmCharts.</summary>
    public const string Finalizer = "wrangler.cattle.io/on-helm-chart-remove";

    /// <summary>Label on the install/delete Jobs naming their HelmChart.</summary>
    public const string ChartLabel = "helmcharts.helm.cattle.io/chart";

    private const string HashAnnotation = "helmcharts.helm.cattle.io/configHash";
    private static readonly ResourceKey Charts = new("helm.cattle.io", "helmcharts");
    private static readonly ResourceKey Jobs = new("batch", "jobs");
    private static readonly WriteOptions AsController = new() { FieldManager = "helm-controller" };
    private readonly Lock sync = new();
    private readonly List<(Func<JsonObject, bool> Matcher, HelmOutcome Outcome)> scripts = [];
    private readonly JobSimulator jobs;
    private readonly WorkloadSimulator workloads;

    // The workloads each release's last successful install applied, by "targetNamespace/release" (helm's release record).
    private readonly Dictionary<string, ReleaseWorkload[]> applied = new(StringComparer.Ordinal);

    // Install Jobs whose completion has been applied, by uid: a finished Job still changes (its own and its pods' late
    // writes), and acting on each of those would parse the release's values and apply its workloads again for nothing.
    private readonly HashSet<string> finishedInstalls = new(StringComparer.Ordinal);

    internal HelmSimulator(ObjectApi api, PodLogStore logs, TimeProvider time, JobSimulator jobs, WorkloadSimulator workloads)
        : base(api, logs, time)
    {
        this.jobs = jobs;
        this.workloads = workloads;
        jobs.AddResolver(ResolveJob);
    }

    /// <summary>The outcome for charts no script matches (install and uninstall succeed).</summary>
    public HelmOutcome DefaultOutcome { get; set; } = new();

    /// <inheritdoc />
    protected override IReadOnlyCollection<ResourceKey> Watched { get; } = [Charts, Jobs];

    /// <summary>Scripts matching HelmCharts (the most recent matching script wins).</summary>
    /// <param name="matcher">Chooses HelmCharts.</param>
    /// <param name="outcome">What happens to them.</param>
    public void Script(Func<JsonObject, bool> matcher, HelmOutcome outcome)
    {
        lock (sync)
        {
            scripts.Add((matcher, outcome));
        }
    }

    /// <summary>Scripts the HelmChart with this name.</summary>
    /// <param name="name">metadata.name of the HelmChart (the release name).</param>
    /// <param name="outcome">What happens to it.</param>
    public void Script(string name, HelmOutcome outcome) => Script(c => Meta.Name(c) == name, outcome);

    /// <summary>Starts the simulator together with the job and workload simulators it relies on.</summary>
    public new void Enable()
    {
        jobs.Enable();
        workloads.Enable();
        base.Enable();
    }

    /// <inheritdoc />
    protected override void Handle(StoreEvent e)
    {
        var obj = e.Object!;
        if (e.Type == WatchEventType.Deleted)
        {
            finishedInstalls.Remove(obj.Uid);
            return;
        }

        lock (Api.Store.Sync)
        {
            if (obj.Resource == Charts)
            {
                if (Api.Store.Get(Charts, obj.Namespace, obj.Name) is not { } chart)
                {
                    return;
                }

                if (chart.IsTerminating)
                {
                    Uninstall(chart);
                }
                else
                {
                    Install(chart);
                }
            }
            else if (obj.Labels.TryGetValue(ChartLabel, out var chartName) && Api.Store.Get(Charts, obj.Namespace, chartName) is { } owner)
            {
                // Every change of every helm Job comes here: decide on the stored bytes, copy only to act.
                if (JobSimulator.Finished(obj))
                {
                    if (obj.Name.StartsWith("helm-delete-", StringComparison.Ordinal))
                    {
                        UninstallFinished(owner, obj.ToJson());
                    }
                    else if (!finishedInstalls.Contains(obj.Uid) && obj.StringAt("metadata", "annotations", HashAnnotation) == Hash(owner))
                    {
                        InstallFinished(owner, obj.ToJson());
                        finishedInstalls.Add(obj.Uid);
                    }
                }
            }
        }
    }

    private void Install(StoredObject chart)
    {
        var charts = Resource("helm.cattle.io", "helmcharts");
        if (!chart.Finalizers.Contains(Finalizer))
        {
            Api.Mutate(charts, chart.Namespace, chart.Name, o => Meta.SetFinalizers(o, [.. Meta.Finalizers(o), Finalizer]), AsController);
            return;
        }

        var hash = Hash(chart);
        var jobName = "helm-install-" + chart.Name;
        var jobResource = Resource("batch", "jobs");
        if (Api.TryGet(jobResource, chart.Namespace, jobName) is { } existing)
        {
            if (existing.StringAt("metadata", "annotations", HashAnnotation) == hash)
            {
                return;
            }

            Api.Delete(jobResource, chart.Namespace, jobName, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
        }

        Api.CreateOwned(jobResource, chart.Namespace, HelmJob(chart, chart.ToJson(), jobName, "install", hash), AsController);
        Api.Mutate(charts, chart.Namespace, chart.Name, o =>
        {
            o["status"] = new JsonObject
            {
                ["jobName"] = jobName,
                ["conditions"] = new JsonArray(Condition("JobCreated", "True", "", ""), Condition("Failed", "False", "", "")),
            };
        }, AsController, "status");
    }

    private void InstallFinished(StoredObject chart, JsonObject job)
    {
        var charts = Resource("helm.cattle.io", "helmcharts");
        var failed = (job["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Failed" && c["status"]?.GetValue<string>() == "True");
        var json = chart.ToJson();
        if (!failed)
        {
            var target = TargetNamespace(json);
            var wanted = Outcome(json).Workloads ?? HelmReleaseRules.Workloads(chart.Name, json["spec"]?["chart"]?.GetValue<string>() ?? chart.Name, Values(json));
            ApplyWorkloads(chart.Name, target, wanted);
        }

        Api.Mutate(charts, chart.Namespace, chart.Name, o =>
        {
            var status = o["status"] as JsonObject ?? [];
            o["status"] = status;
            status["jobName"] = job["metadata"]!["name"]!.DeepClone();
            status["conditions"] = new JsonArray(
                Condition("JobCreated", "True", "", ""),
                failed ? Condition("Failed", "True", "Error", $"Job {Meta.Name(job)} failed") : Condition("Failed", "False", "", ""));
        }, AsController, "status");
    }

    private void Uninstall(StoredObject chart)
    {
        if (!chart.Finalizers.Contains(Finalizer))
        {
            return;
        }

        var jobResource = Resource("batch", "jobs");
        var jobName = "helm-delete-" + chart.Name;
        if (Api.Store.Get(new ResourceKey("", "namespaces"), null, chart.Namespace!) is { IsTerminating: true })
        {
            // No Job can be created in a terminating namespace: remove the release directly.
            RemoveRelease(chart);
            return;
        }

        if (Api.TryGet(jobResource, chart.Namespace, jobName) is null)
        {
            Api.CreateOwned(jobResource, chart.Namespace, HelmJob(chart, chart.ToJson(), jobName, "delete", Hash(chart)), AsController);
        }
    }

    private void UninstallFinished(StoredObject chart, JsonObject job)
    {
        var succeeded = (job["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Complete" && c["status"]?.GetValue<string>() == "True");
        if (succeeded && chart.IsTerminating)
        {
            RemoveRelease(chart);
        }
    }

    private void RemoveRelease(StoredObject chart)
    {
        var target = TargetNamespace(chart.ToJson());
        applied.Remove(target + "/" + chart.Name);
        foreach (var (group, plural) in new[] { ("apps", "deployments"), ("apps", "statefulsets") })
        {
            var resource = Resource(group, plural);
            foreach (var workload in Api.Store.List(resource.Key, target).Where(w => w.Labels.GetValueOrDefault("app.kubernetes.io/instance") == chart.Name && w.Labels.GetValueOrDefault("app.kubernetes.io/managed-by") == "Helm"))
            {
                Api.Delete(resource, target, workload.Name, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
            }
        }

        if (Api.TryGet(Resource("batch", "jobs"), chart.Namespace, "helm-install-" + chart.Name) is not null)
        {
            Api.Delete(Resource("batch", "jobs"), chart.Namespace, "helm-install-" + chart.Name, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
        }

        Api.RemoveFinalizer(Resource("helm.cattle.io", "helmcharts"), chart.Namespace, chart.Name, Finalizer, "helm-controller");
    }

    private JobOutcome? ResolveJob(JsonObject job)
    {
        if (job["metadata"]?["labels"]?[ChartLabel]?.GetValue<string>() is not { } chartName ||
            Api.Store.Get(Charts, Meta.Namespace(job), chartName) is not { } chart)
        {
            return null;
        }

        var json = chart.ToJson();
        var outcome = Outcome(json);
        var release = chart.Name;
        var target = TargetNamespace(json);
        if (Meta.Name(job).StartsWith("helm-delete-", StringComparison.Ordinal))
        {
            return outcome.UninstallSucceeds
                ? JobOutcome.Succeed($"+ helm_v3 uninstall {release} --namespace {target}", $"release \"{release}\" uninstalled")
                : JobOutcome.Fail(1, null, $"+ helm_v3 uninstall {release} --namespace {target}", $"Error: uninstall: Release not loaded: {release}: release: not found");
        }

        var command = $"+ helm_v3 install --namespace {target} {release} {json["spec"]?["chart"]}";
        var missingNamespace = Api.Store.Get(new ResourceKey("", "namespaces"), null, target) is null && json["spec"]?["createNamespace"]?.GetValue<bool>() != true;
        if (!outcome.InstallSucceeds || missingNamespace)
        {
            var message = missingNamespace ? $"create: failed to create: namespaces \"{target}\" not found" : outcome.FailureMessage;
            return new JobOutcome
            {
                Gate = outcome.InstallGate,
                Default = new ContainerOutcome { ExitCode = 1, Duration = outcome.InstallDuration, Logs = [command, .. outcome.InstallLogs, $"Error: INSTALLATION FAILED: {message}"] },
            };
        }

        return new JobOutcome
        {
            Gate = outcome.InstallGate,
            Default = new ContainerOutcome
            {
                Duration = outcome.InstallDuration,
                Logs = [command, .. outcome.InstallLogs, $"NAME: {release}", $"NAMESPACE: {target}", "STATUS: deployed", "REVISION: 1"],
            },
        };
    }

    private HelmOutcome Outcome(JsonObject chart)
    {
        lock (sync)
        {
            for (var i = scripts.Count - 1; i >= 0; i--)
            {
                if (scripts[i].Matcher(chart))
                {
                    return scripts[i].Outcome;
                }
            }

            return DefaultOutcome;
        }
    }

    private static string TargetNamespace(JsonObject chart) =>
        chart["spec"]?["targetNamespace"]?.GetValue<string>() is { Length: > 0 } target ? target : Meta.Namespace(chart) ?? "default";

    /// <summary>valuesContent (YAML) with <c>spec.set</c> applied on top.</summary>
    internal static JsonObject Values(JsonObject chart)
    {
        var values = chart["spec"]?["valuesContent"]?.GetValue<string>() is { Length: > 0 } yaml && YamlJson.Parse(yaml) is JsonObject parsed ? parsed : [];
        foreach (var (path, value) in chart["spec"]?["set"] as JsonObject ?? [])
        {
            var target = values;
            var parts = path.Split('.');
            foreach (var part in parts[..^1])
            {
                if (target[part] is not JsonObject next)
                {
                    next = [];
                    target[part] = next;
                }

                target = next;
            }

            target[parts[^1]] = value?.DeepClone();
        }

        return values;
    }

    /// <summary>The config hash of a chart: of its spec as stored.</summary>
    private static string Hash(StoredObject chart) =>
        "SHA256=" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(chart.At("spec")?.GetRawText() ?? "")));

    private static JsonObject Condition(string type, string status, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
    };
}

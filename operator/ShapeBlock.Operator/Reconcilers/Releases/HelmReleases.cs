using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers.Releases;

/// <summary>
/// Helm releases of apps and services: the HelmChart the operator writes (only when its render changed,
/// merge-patched so helm-controller's finalizer and status stay) and the readiness read back from
/// helm-controller's install Job and the release's Deployments and StatefulSets.
/// </summary>
internal sealed class HelmReleases(KubeRestClient client, ClusterState state, AppsOptions options)
{
    /// <summary>
    /// The install Job that was current when the chart last changed. helm-controller replaces its Job on
    /// every change; until it has, the old (finished) Job says nothing about the new values.
    /// </summary>
    public const string ReplacesJobAnnotation = "shapeblock.io/replaces-job";

    private const int HelmLogTailLines = 40;
    private readonly BuildFailureClassifier classifier = new(options.LogTailLines);
    private readonly ConcurrentDictionary<string, BuildFailure> failures = new();

    // The chart as this process's last write returned it, until the informer catches up. The chart informer can lag
    // behind those writes: acting on the older cached copy wrote the same chart again and marked the Job started for
    // the first write as replaced, so the release waited forever for an upgrade that never came.
    private readonly ConcurrentDictionary<ObjectKey, HelmChart> written = new();

    /// <summary>The newest known copy of a chart: the cached one, or this process's own last write while the cache is older.</summary>
    public HelmChart? Current(string? ns, string name)
    {
        var key = new ObjectKey(ns, name);
        var cached = state.HelmCharts.Cache.Get(key);
        if (!written.TryGetValue(key, out var mine))
        {
            return cached;
        }

        if (cached is not null && OwnWrites.IsOlder(cached, mine))
        {
            return mine;
        }

        // Caught up, replaced or gone: the cache is the truth again.
        written.TryRemove(new KeyValuePair<ObjectKey, HelmChart>(key, mine));
        return cached;
    }

    /// <summary>The kind of the resource that owns an existing HelmChart of that name (a name clash when it is not the caller's).</summary>
    public string? OwnerKindOf(string? ns, string name) =>
        Current(ns, name)?.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Kind;

    /// <summary>Writes a rendered HelmChart when it differs (by values hash) from the one in the cluster.</summary>
    /// <returns>True when it wrote (an install or upgrade starts).</returns>
    public async Task<bool> EnsureAsync(JsonObject rendered, CancellationToken cancellationToken)
    {
        var ns = rendered["metadata"]!["namespace"]!.GetValue<string>();
        var name = rendered["metadata"]!["name"]!.GetValue<string>();
        var existing = Current(ns, name);
        if (existing?.Metadata.Annotations?.TryGetValue(HelmChartRenderer.HashAnnotation, out var hash) == true
            && string.Equals(hash, HelmChartRenderer.HashOf(rendered), StringComparison.Ordinal))
        {
            return false;
        }

        if (existing is null)
        {
            try
            {
                Remember(await client.CreateAsync(Resources.HelmCharts, Codecs.HelmChart, HelmChart.FromRendered(rendered), cancellationToken).ConfigureAwait(false));
                return true;
            }
            catch (KubeApiException e) when (e.IsAlreadyExists)
            {
                // Written before a restart and not in the cache yet: fall through to an update.
            }
        }

        var job = existing?.JobName is { } jobName ? state.HelmJobs.Cache.Get(new ObjectKey(ns, jobName)) : null;
        var metadata = rendered["metadata"]!.AsObject();
        var annotations = metadata["annotations"]!.AsObject();
        annotations[ReplacesJobAnnotation] = job?.Metadata.Uid is { } uid ? JsonValue.Create(uid) : null;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = metadata["labels"]!.DeepClone(),
                ["annotations"] = annotations.DeepClone(),
                ["ownerReferences"] = metadata["ownerReferences"]!.DeepClone(),
            },
            ["spec"] = rendered["spec"]!.DeepClone(),
        };
        // A merge patch keeps what others own: helm-controller's finalizer and status.
        Remember(await client.PatchAsync(Resources.HelmCharts, Codecs.HelmChart, ns, name, PatchType.Merge,
            JsonSerializer.SerializeToUtf8Bytes(patch, JsonContext.Default.JsonObject), null, null, cancellationToken).ConfigureAwait(false));
        return true;
    }

    private void Remember(HelmChart chart)
    {
        chart.Metadata.ManagedFields = null; // as the informer keeps it
        written[new ObjectKey(chart.Metadata.NamespaceProperty, chart.Metadata.Name)] = chart;
    }

    /// <summary>Reads where the release stands (the helm Job's log is fetched once per failed Job).</summary>
    public async Task<ReleaseState> ObserveAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var chart = Current(ns, name);
        if (chart?.JobName is not { } jobName)
        {
            return ReleaseState.Installing("waiting for helm-controller to start the install");
        }

        var job = state.HelmJobs.Cache.Get(new ObjectKey(ns, jobName));
        if (job is null || (chart.Metadata.Annotations?.TryGetValue(ReplacesJobAnnotation, out var replaced) == true && replaced == job.Metadata.Uid))
        {
            return ReleaseState.Installing("waiting for helm-controller to start the upgrade");
        }

        if (JobConditions.IsTrue(job, "Failed"))
        {
            var failure = failures.TryGetValue(job.Metadata.Uid, out var known)
                ? known
                : failures[job.Metadata.Uid] = await ClassifyAsync(job, cancellationToken).ConfigureAwait(false);
            return new ReleaseState(ReleaseStage.Failed, failure.Message, failure, jobName);
        }

        if (!(JobConditions.IsTrue(job, "Complete") || (job.Status?.Succeeded ?? 0) > 0))
        {
            return ReleaseState.Installing($"helm install/upgrade running (job {jobName})");
        }

        var key = ClusterState.AppKey(ns, name);
        var deployments = state.ReleaseDeployments.Cache.ByIndex(ClusterState.ByRelease, key);
        var statefulSets = state.ReleaseStatefulSets.Cache.ByIndex(ClusterState.ByRelease, key);
        if (deployments.Count + statefulSets.Count == 0)
        {
            return ReleaseState.Installing("waiting for the release's Deployments and StatefulSets");
        }

        foreach (var deployment in deployments.OrderBy(d => d.Metadata.Name, StringComparer.Ordinal))
        {
            if (RolloutProblem(deployment) is { } problem)
            {
                return ReleaseState.Installing(problem);
            }
        }

        foreach (var statefulSet in statefulSets.OrderBy(d => d.Metadata.Name, StringComparer.Ordinal))
        {
            if (RolloutProblem(statefulSet) is { } problem)
            {
                return ReleaseState.Installing(problem);
            }
        }

        return new ReleaseState(ReleaseStage.Ready, "released", HelmJobName: jobName);
    }

    /// <summary>Forgets remembered failures of an app's Jobs (after the app is gone).</summary>
    public void Forget(IEnumerable<string> jobUids)
    {
        foreach (var uid in jobUids)
        {
            failures.TryRemove(uid, out _);
        }
    }

    private static string? RolloutProblem(V1StatefulSet set)
    {
        var desired = set.Spec?.Replicas ?? 1;
        var status = set.Status;
        if (status?.ObservedGeneration is not { } observed || observed < (set.Metadata.Generation ?? 0))
        {
            return $"StatefulSet {set.Metadata.Name}: waiting for the rollout to start";
        }

        var ready = status.ReadyReplicas ?? 0;
        var updated = status.UpdatedReplicas ?? status.CurrentReplicas ?? 0;
        return ready < desired || updated < desired ? $"StatefulSet {set.Metadata.Name}: {Math.Min(ready, updated)}/{desired} replicas updated and ready" : null;
    }

    private static string? RolloutProblem(V1Deployment deployment)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        var name = deployment.Metadata.Name;
        if (status?.ObservedGeneration is not { } observed || observed < (deployment.Metadata.Generation ?? 0))
        {
            return $"Deployment {name}: waiting for the rollout to start";
        }

        var updated = status.UpdatedReplicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (updated < desired || available < desired)
        {
            return $"Deployment {name}: {Math.Min(updated, available)}/{desired} replicas updated and available";
        }

        return null;
    }



    private async Task<BuildFailure> ClassifyAsync(V1Job job, CancellationToken cancellationToken)
    {
        string? log = null;
        try
        {
            var pods = await client.ListAsync(Resources.Pods, Codecs.Pod, job.Metadata.NamespaceProperty, $"job-name={job.Metadata.Name}", 10, null, cancellationToken).ConfigureAwait(false);
            if (pods.Items.OrderByDescending(p => p.Metadata.CreationTimestamp).FirstOrDefault() is { } pod)
            {
                log = await ReadLogAsync(client, pod, null, HelmLogTailLines, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            // Without the log the failure is still reported, with less detail.
        }

        return classifier.ClassifyDeploy(new DeployObservation { HelmJobName = job.Metadata.Name, HelmJobLog = log })
            ?? new BuildFailure(ShapeBlock.Api.Reasons.DeployFailed, $"The Helm release failed to install or upgrade (helm job {job.Metadata.Name})", null);
    }

    /// <summary>The last lines of a container's log.</summary>
    internal static async Task<string> ReadLogAsync(KubeRestClient client, V1Pod pod, string? container, int tailLines, CancellationToken cancellationToken)
    {
        using var stream = await client.ReadLogAsync(Resources.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, container, tailLines, follow: false, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}

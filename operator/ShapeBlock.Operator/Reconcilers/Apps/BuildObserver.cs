using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Reconcilers.Releases;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>Where a build or resolve Job stands.</summary>
internal enum JobStage
{
    Running,
    WaitingForNode,
    Succeeded,
    Failed,
}

/// <summary>One observation of a Job and its pod.</summary>
internal sealed record JobState(JobStage Stage, V1Pod? Pod, string Message, BuildFailure? Failure = null, TimeSpan? RecheckAfter = null);

/// <summary>
/// Reads a build's Job and pod from the caches (the informers' events are what wake the reconciler; nothing
/// polls) and classifies failures, fetching the failed container's log once.
/// </summary>
internal sealed class BuildObserver(KubeRestClient client, ClusterState state, AppsOptions options, TimeProvider time)
{
    private const int FailedLogLines = 200;

    /// <summary>How long a failed Job's pod may take to show up terminated in the cache before the failure is classified without it.</summary>
    private static readonly TimeSpan PodSettleTimeout = TimeSpan.FromSeconds(30);
    private readonly BuildFailureClassifier classifier = new(options.LogTailLines);

    public V1Pod? PodOf(V1Job job) =>
        state.BuildPods.Cache.ByIndex(ClusterState.ByBuild, $"{job.Metadata.NamespaceProperty}/{job.Metadata.Labels?[Labels.Build]}")
            .Where(p => p.Metadata.Labels?.TryGetValue("job-name", out var name) == true && name == job.Metadata.Name)
            .OrderByDescending(p => p.Metadata.CreationTimestamp)
            .FirstOrDefault();

    public async Task<JobState> ObserveAsync(V1Job job, CancellationToken cancellationToken)
    {
        var pod = PodOf(job);
        if (JobConditions.IsTrue(job, "Complete") || JobConditions.IsTrue(job, "SuccessCriteriaMet"))
        {
            // The commit and digest are in the pod's termination messages; the pod informer may be a step behind the Job's.
            return pod?.Status?.Phase == "Succeeded"
                ? new JobState(JobStage.Succeeded, pod, "succeeded")
                : new JobState(JobStage.Running, pod, "finishing");
        }

        if (JobConditions.Failed(job) is { } failed)
        {
            // The failed container's exit code and message are in the pod; its informer may be a step behind the
            // Job's. A deadline kills the pod, so waiting for it would add nothing.
            var podSettled = pod?.Status?.Phase is "Failed" or "Succeeded";
            var since = time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(failed.LastTransitionTime ?? DateTime.UtcNow, DateTimeKind.Utc);
            if (!podSettled && failed.Reason != "DeadlineExceeded" && since < PodSettleTimeout)
            {
                return new JobState(JobStage.Running, pod, "finishing", RecheckAfter: PodSettleTimeout - since);
            }

            return new JobState(JobStage.Failed, pod, "failed", await ClassifyAsync(job, pod, cancellationToken).ConfigureAwait(false)
                ?? new BuildFailure(Reasons.BuildFailed, $"The build Job {job.Metadata.Name} failed", null));
        }

        if (pod is null)
        {
            return new JobState(JobStage.Running, null, "waiting for the build pod");
        }

        if (pod.Status?.Phase is not (null or "Pending"))
        {
            // Started: a failed container ends the Job (backoffLimit 0), and the Job decides.
            return new JobState(JobStage.Running, pod, pod.Status?.Phase == "Running" ? "running" : "finishing");
        }

        // Not started: a pod stuck on a node, an image pull or a missing Secret would otherwise wait for the deadline.
        var early = classifier.Classify(new BuildObservation { Job = job, Pod = pod });
        if (early is { Reason: Reasons.Unschedulable })
        {
            var since = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")?.LastTransitionTime ?? pod.Metadata.CreationTimestamp ?? time.GetUtcNow().UtcDateTime;
            var waited = time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(since, DateTimeKind.Utc);
            if (waited < options.UnschedulableTimeout)
            {
                return new JobState(JobStage.WaitingForNode, pod, $"waiting for a node: {early.Message}", RecheckAfter: options.UnschedulableTimeout - waited);
            }

            return new JobState(JobStage.Failed, pod, early.Message, early);
        }

        return early is not null
            ? new JobState(JobStage.Failed, pod, early.Message, early)
            : new JobState(JobStage.Running, pod, "starting");
    }

    private async Task<BuildFailure?> ClassifyAsync(V1Job job, V1Pod? pod, CancellationToken cancellationToken)
    {
        string? log = null;
        if (pod is not null && BuildFailureClassifier.FailedContainer(pod) is { } container)
        {
            try
            {
                log = await HelmReleases.ReadLogAsync(client, pod, container, FailedLogLines, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                // The termination message (FallbackToLogsOnError) still explains the failure.
            }
        }

        return classifier.Classify(new BuildObservation { Job = job, Pod = pod, Log = log });
    }


}

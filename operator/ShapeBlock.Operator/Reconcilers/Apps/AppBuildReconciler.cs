using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Reconcilers.Releases;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Controllers;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>
/// An AppBuild is one build-and-deploy of an app: queued behind the app's running build, superseded by a
/// newer one, or run — reuse an image, or build it in a Job (resolve the ref first when the tag is the
/// commit) — then handed to the App to deploy, and Completed when the App's release is ready.
/// </summary>
internal sealed class AppBuildReconciler(
    ClusterState state,
    BuildJobs jobs,
    BuildObserver observer,
    BuildLogFollower logs,
    AppSecrets secrets,
    HelmReleases releases,
    PhaseRecorder phases,
    Finalizer finalizer,
    StatusReporter reporter,
    TimeProvider time,
    OwnWrites ownWrites,
    ILogger<AppBuildReconciler> logger) : IReconciler
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> appLocks = new();
    private readonly ConcurrentDictionary<string, byte> started = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // The cache may still show the build from before this process's last write: running it from that copy would
        // repeat a step (a second resolve Job) or write an earlier phase back over a later one. Its delivery re-queues it.
        var build = ownWrites.Fresh(state.AppBuilds.Cache, key);
        if (build is null)
        {
            return ReconcileResult.Done;
        }

        if (build.Metadata.DeletionTimestamp is not null)
        {
            await FinalizeAsync(build, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (BuildOrder.IsTerminal(build))
        {
            return ReconcileResult.Done;
        }

        build = await finalizer.AddAsync(Resources.AppBuilds, Codecs.AppBuild, build, Finalizers.AppBuild, cancellationToken).ConfigureAwait(false);
        ownWrites.Record(build);
        var gate = appLocks.GetOrAdd(AppKeyOf(build), _ => new SemaphoreSlim(1, 1));
        // One decision at a time per app, so two builds created at once never both start.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReconcileBuildAsync(build, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ReconcileResult> ReconcileBuildAsync(AppBuild build, CancellationToken cancellationToken)
    {
        var ns = build.Metadata.NamespaceProperty;
        var app = state.Apps.Cache.Get(new ObjectKey(ns, build.Spec.AppName));
        if (app is null || app.Metadata.DeletionTimestamp is not null)
        {
            await SetAsync(build, AppBuildPhase.Pending, PhaseOutcome.Progressing, Reasons.DependencyNotFound,
                app is null ? $"waiting for App {build.Spec.AppName} in namespace {ns}" : $"App {build.Spec.AppName} is being deleted", null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done; // the App informer wakes us
        }

        if (build.Status?.Phase == AppBuildPhase.Deploying)
        {
            await FollowDeployAsync(build, app, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (!IsStarted(build))
        {
            // A source build runs a Job, costly to run twice: until the cache shows this process's finalizer write,
            // builds created just before it (two created at once) may still be missing from the cache and both would
            // start. The write's delivery re-queues the key. An image build has nothing to run twice: it does not
            // wait that round trip (a second image build deploys after it instead of superseding it).
            if (app.Spec.Build.Type != BuildType.Image && ownWrites.Fresh(state.AppBuilds.Cache, new ObjectKey(ns, build.Metadata.Name)) is null)
            {
                return ReconcileResult.Done;
            }

            var siblings = Siblings(build);
            // A sibling this process has just moved on (finished, say) may still show its earlier phase in the cache:
            // queueing and image reuse would read stale data. Its informer update wakes this build once caught up.
            if (siblings.Any(s => s.Metadata.Uid != build.Metadata.Uid && ownWrites.IsBehind(s)))
            {
                return ReconcileResult.Done;
            }

            var (turn, because) = BuildScheduler.Decide(build, siblings, IsStarted);
            switch (turn)
            {
                case BuildTurn.Superseded:
                    await SetAsync(build, AppBuildPhase.Superseded, PhaseOutcome.Progressing, Reasons.Superseded, $"superseded by the newer build {because!.Metadata.Name}", null, cancellationToken).ConfigureAwait(false);
                    return ReconcileResult.Done;
                case BuildTurn.Queued:
                    await SetAsync(build, AppBuildPhase.Queued, PhaseOutcome.Progressing, Reasons.Progressing, $"queued behind build {because!.Metadata.Name}", null, cancellationToken).ConfigureAwait(false);
                    return ReconcileResult.Done; // the running build's status change wakes us
            }
        }

        if (await secrets.CheckAsync(app, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            await SetAsync(build, AppBuildPhase.Pending, PhaseOutcome.Progressing, problem.Reason, $"waiting for App {app.Metadata.Name}: {problem.Message}", null, cancellationToken).ConfigureAwait(false);
            return problem.Watched ? ReconcileResult.Done : ReconcileResult.After(AppReconciler.UnwatchedSecretRecheck);
        }

        started.TryAdd(build.Metadata.Uid, 0);
        return await RunAsync(build, app, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> RunAsync(AppBuild build, App app, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (app.Spec.Build.Type == BuildType.Image)
        {
            var image = BuildPlanner.ImageForImageApp(app, build.Spec.ImageTag);
            await DeployingAsync(build, image, $"deploying image {image}", s => s.ImageTag = image.Tag, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (string.IsNullOrEmpty(build.Spec.GitRef) && string.IsNullOrEmpty(build.Spec.ImageTag))
        {
            if (LatestCompleted(build, _ => true) is { } previous)
            {
                await DeployingAsync(build, ImageReference.Parse(previous.Status!.Image!), $"redeploying the image of build {previous.Metadata.Name}", s => s.GitCommit = previous.Status.GitCommit, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            }

            await FailAsync(build, new BuildFailure(Reasons.InvalidSpec, "nothing to build: set spec.gitRef or spec.imageTag (a redeploy without them needs a completed build of the app)", null), null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        GitCredentials? credentials;
        try
        {
            credentials = await secrets.GitCredentialsAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await FailAsync(build, new BuildFailure(Reasons.GitAuthFailed, e.Message, null), null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var request = new BuildRequest(app, build) { GitCredentials = credentials, ResolvedCommit = build.Status?.GitCommit };
        BuildPlan plan;
        try
        {
            plan = jobs.Renderer.Plan(request);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            await FailAsync(build, new BuildFailure(Reasons.InvalidSpec, e.Message, null), null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var commit = build.Status?.GitCommit ?? (plan.GitRef is { } gitRef && BuildPlanner.IsFullSha(gitRef) ? gitRef : null);
        if (commit is null && plan.NeedsCommit)
        {
            var resolve = await jobs.EnsureResolveJobAsync(request, plan, cancellationToken).ConfigureAwait(false);
            var resolved = await observer.ObserveAsync(resolve, cancellationToken).ConfigureAwait(false);
            if (resolved.Stage != JobStage.Succeeded)
            {
                return await ReportJobAsync(build, resolve, resolved, $"resolving {plan.GitRef ?? "the default branch"}", cancellationToken).ConfigureAwait(false);
            }

            commit = resolved.Pod is { } pod ? BuildResults.Read(pod).Commit : null;
            if (commit is null)
            {
                await FailAsync(build, new BuildFailure(Reasons.GitRefNotFound, $"resolving {plan.GitRef ?? "the default branch"} gave no commit", null), resolve, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            }

            request = request with { ResolvedCommit = commit };
            plan = jobs.Renderer.Plan(request);
        }

        if (commit is not null && Reusable(build, commit) is { } same)
        {
            await jobs.DeleteResolveJobAsync(build, cancellationToken).ConfigureAwait(false);
            await DeployingAsync(build, ImageReference.Parse(same.Status!.Image!), $"commit {Short(commit)} was built by {same.Metadata.Name}: reusing its image",
                s => { s.GitCommit = commit; s.ImageTag = same.Status.ImageTag; }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var job = await jobs.EnsureBuildJobAsync(request, cancellationToken).ConfigureAwait(false);
        var observed = await observer.ObserveAsync(job, cancellationToken).ConfigureAwait(false);
        if (observed.Stage != JobStage.Succeeded)
        {
            return await ReportJobAsync(build, job, observed, $"building {plan.Destination}", cancellationToken, commit).ConfigureAwait(false);
        }

        var output = observed.Pod is { } buildPod ? BuildResults.Read(buildPod) : new BuildOutput(null, null);
        var built = output.Digest is { } digest ? plan.Destination!.WithDigest(digest) : plan.Destination!;
        await jobs.DeleteResolveJobAsync(build, cancellationToken).ConfigureAwait(false);
        if (observed.Pod is not null)
        {
            logs.Forget(observed.Pod);
        }

        await DeployingAsync(build, built, $"built {built}; deploying", s =>
        {
            s.GitCommit = output.Commit ?? commit ?? s.GitCommit;
            s.ImageTag = plan.Tag;
            s.JobName = job.Metadata.Name;
            s.PodName = observed.Pod?.Metadata.Name ?? s.PodName;
            s.BuildStartTime ??= now;
            s.BuildEndTime ??= now;
            s.Conditions = Conditions.Set(s.Conditions, ConditionTypes.Built, ConditionStatus.True, Reasons.Reconciled, $"pushed {built}", build.Metadata.Generation, now.UtcDateTime);
        }, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> ReportJobAsync(AppBuild build, V1Job job, JobState observed, string doing, CancellationToken cancellationToken, string? commit = null)
    {
        if (observed.Stage == JobStage.Failed)
        {
            await jobs.StopAsync(job, cancellationToken).ConfigureAwait(false);
            await FailAsync(build, observed.Failure!, job, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (observed.Pod is { } pod)
        {
            logs.Follow(build.Metadata.Name, pod);
        }

        var now = time.GetUtcNow();
        var message = observed.Stage == JobStage.WaitingForNode ? observed.Message : $"{doing} ({observed.Message})";
        await SetAsync(build, AppBuildPhase.Building, PhaseOutcome.Progressing, Reasons.Progressing, message, s =>
        {
            s.JobName = job.Metadata.Name;
            s.PodName = observed.Pod?.Metadata.Name ?? s.PodName;
            s.StartTime ??= now;
            s.BuildStartTime ??= now;
            s.GitCommit = commit ?? s.GitCommit;
        }, cancellationToken).ConfigureAwait(false);
        return observed.RecheckAfter is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }

    private async Task FollowDeployAsync(AppBuild build, App app, CancellationToken cancellationToken)
    {
        var mine = app.Status?.LatestBuild == build.Metadata.Name
            && ImageReference.TryParse(app.Status.Image, out var deployed)
            && ImageReference.TryParse(build.Status?.Image, out var built)
            && deployed == built;
        if (!mine || app.Status!.ObservedGeneration != app.Metadata.Generation)
        {
            return; // the App reconciler picks this build up; its status change wakes us
        }

        var ready = app.Status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Deployed);
        if (ready?.Status == ConditionStatus.True)
        {
            var now = time.GetUtcNow();
            await SetAsync(build, AppBuildPhase.Completed, PhaseOutcome.Ready, Reasons.Reconciled, $"{build.Status!.Image} is serving", s =>
            {
                s.CompletionTime ??= now;
                s.Conditions = Conditions.Set(s.Conditions, ConditionTypes.Deployed, ConditionStatus.True, Reasons.Reconciled, $"App {app.Metadata.Name} is ready", build.Metadata.Generation, now.UtcDateTime);
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ready?.Reason == Reasons.DeployFailed)
        {
            var observed = await releases.ObserveAsync(app.Metadata.NamespaceProperty, app.Metadata.Name, cancellationToken).ConfigureAwait(false);
            var failure = observed.Failure ?? new BuildFailure(Reasons.DeployFailed, app.Status.Message ?? "the deploy failed", null);
            await FailAsync(build, failure, null, cancellationToken, observed.HelmJobName).ConfigureAwait(false);
        }
    }

    private Task DeployingAsync(AppBuild build, ImageReference image, string message, Action<AppBuildStatus> extra, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return SetAsync(build, AppBuildPhase.Deploying, PhaseOutcome.Progressing, Reasons.Progressing, message, s =>
        {
            s.Image = image.ToString();
            s.StartTime ??= now;
            extra(s);
        }, cancellationToken);
    }

    private async Task FailAsync(AppBuild build, BuildFailure failure, V1Job? job, CancellationToken cancellationToken, string? helmJob = null)
    {
        var now = time.GetUtcNow();
        await SetAsync(build, AppBuildPhase.Failed, PhaseOutcome.Failed, failure.Reason, failure.Message, s =>
        {
            s.Reason = failure.Reason;
            s.LogTail = failure.LogTail;
            s.JobName = job?.Metadata.Name ?? s.JobName;
            s.FailedHelmJobName = helmJob ?? s.FailedHelmJobName;
            s.StartTime ??= now;
            if (helmJob is null)
            {
                s.BuildEndTime ??= now;
                s.Conditions = Conditions.Set(s.Conditions, ConditionTypes.Built, ConditionStatus.False, failure.Reason, failure.Message, build.Metadata.Generation, now.UtcDateTime);
            }
            else
            {
                s.Conditions = Conditions.Set(s.Conditions, ConditionTypes.Deployed, ConditionStatus.False, failure.Reason, failure.Message, build.Metadata.Generation, now.UtcDateTime);
            }
        }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("AppBuild {Namespace}/{Build} failed: {Reason}", build.Metadata.NamespaceProperty, build.Metadata.Name, failure.Reason);
    }

    private async Task FinalizeAsync(AppBuild build, CancellationToken cancellationToken)
    {
        if (build.Metadata.Finalizers?.Contains(Finalizers.AppBuild) != true)
        {
            return;
        }

        await jobs.DeleteAllAsync(build, cancellationToken).ConfigureAwait(false);
        await finalizer.RemoveAsync(Resources.AppBuilds, Codecs.AppBuild, build, Finalizers.AppBuild, cancellationToken).ConfigureAwait(false);
        started.TryRemove(build.Metadata.Uid, out _);
        ownWrites.Forget(build.Metadata.Uid);
        reporter.Deleted(RelayResourceType.AppBuild, build);
    }

    /// <summary>Started: the status says so, a Job of the build exists, or this process decided to start it (the cache may lag).</summary>
    private bool IsStarted(AppBuild build) =>
        BuildOrder.IsActive(build)
        || started.ContainsKey(build.Metadata.Uid)
        || state.BuildJobs.Cache.ByIndex(ClusterState.ByBuild, $"{build.Metadata.NamespaceProperty}/{KubeNames.LabelValue(build.Metadata.Name)}").Count > 0;

    private List<AppBuild> Siblings(AppBuild build) =>
        [.. state.AppBuilds.Cache.ByIndex(ClusterState.ByApp, AppKeyOf(build)).Where(b => b.Metadata.DeletionTimestamp is null)];

    private AppBuild? LatestCompleted(AppBuild build, Func<AppBuild, bool> match) =>
        BuildOrder.Latest(Siblings(build).Where(b => b.Metadata.Uid != build.Metadata.Uid && b.Status?.Phase == AppBuildPhase.Completed && b.Status.Image is not null && match(b)));

    /// <summary>A completed build of the same commit and the same build variables: its image is this build's image.</summary>
    private AppBuild? Reusable(AppBuild build, string commit) => LatestCompleted(build, b =>
        string.Equals(b.Status!.GitCommit, commit, StringComparison.OrdinalIgnoreCase)
        && SameVars(b.Spec.BuildVars, build.Spec.BuildVars)
        && (string.IsNullOrEmpty(build.Spec.ImageTag) || build.Spec.ImageTag == b.Status.ImageTag));

    private static bool SameVars(List<BuildVar>? a, List<BuildVar>? b) =>
        (a ?? []).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value))
            .SequenceEqual((b ?? []).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value)));

    private static string AppKeyOf(AppBuild build) => ClusterState.AppKey(build.Metadata.NamespaceProperty, build.Spec.AppName);

    private static string Short(string commit) => commit.Length > BuildPlanner.ShortShaLength ? commit[..BuildPlanner.ShortShaLength] : commit;

    private async Task SetAsync(AppBuild build, AppBuildPhase phase, PhaseOutcome outcome, string reason, string message, Action<AppBuildStatus>? extra, CancellationToken cancellationToken)
    {
        var written = await phases.SetAsync<AppBuild, AppBuildStatus, AppBuildPhase>(Resources.AppBuilds, Codecs.AppBuild, RelayResourceType.AppBuild, build, phase, outcome, reason, message, extra, cancellationToken).ConfigureAwait(false);
        ownWrites.Record(written);
    }
}

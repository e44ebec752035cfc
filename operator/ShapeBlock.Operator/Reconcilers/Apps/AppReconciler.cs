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
/// An App is a Helm release of nxs-universal-chart, written as a HelmChart for helm-controller. This
/// reconciler is the release's only writer: it validates the App, fetches a private repository's deploy
/// key, picks the image (the newest build that is deploying or completed, or the image of an image-type
/// app), writes the HelmChart when its render changed, and reports readiness from the install Job and
/// the release's Deployments.
/// </summary>
internal sealed class AppReconciler(
    ClusterState state,
    HelmReleases releases,
    AppSecrets secrets,
    AppsOptions options,
    PhaseRecorder phases,
    Finalizer finalizer,
    KubeRestClient client,
    StatusReporter reporter,
    TimeProvider time,
    OwnWrites ownWrites,
    ILogger<AppReconciler> logger) : IReconciler
{
    /// <summary>Re-check of a Secret the operator cannot watch (a user's own Secret in the project namespace).</summary>
    public static readonly TimeSpan UnwatchedSecretRecheck = TimeSpan.FromSeconds(30);

    private readonly AppValuesRenderer values = new(options.Render);
    private readonly HelmChartRenderer charts = new(options.Render);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Inputs, string Hash)> lastRender = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // A copy older than this process's last write would write an earlier status back (or race it into a 409).
        var app = ownWrites.Fresh(state.Apps.Cache, key);
        if (app is null)
        {
            return ReconcileResult.Done;
        }

        if (app.Metadata.DeletionTimestamp is not null)
        {
            await FinalizeAsync(app, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        app = await finalizer.AddAsync(Resources.Apps, Codecs.App, app, Finalizers.App, cancellationToken).ConfigureAwait(false);
        ownWrites.Record(app);

        if (await secrets.CheckAsync(app, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            if (problem.Transient)
            {
                var waiting = app.Status?.Phase is { } current && current != AppPhase.Failed ? current : AppPhase.Initializing;
                await SetPhaseAsync(app, waiting, PhaseOutcome.Progressing, problem.Reason, problem.Message, null, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            }

            await SetPhaseAsync(app, AppPhase.Failed, PhaseOutcome.Failed, problem.Reason, problem.Message, null, cancellationToken).ConfigureAwait(false);
            return problem.Watched ? ReconcileResult.Done : ReconcileResult.After(UnwatchedSecretRecheck);
        }

        var builds = state.AppBuilds.Cache.ByIndex(ClusterState.ByApp, ClusterState.AppKey(app.Metadata.NamespaceProperty, app.Metadata.Name))
            .Where(b => b.Metadata.DeletionTimestamp is null).ToList();
        var building = BuildOrder.Latest(builds.Where(b => b.Status?.Phase is null or AppBuildPhase.Pending or AppBuildPhase.Queued or AppBuildPhase.Building));
        if (DeployTarget(app, builds) is not { } target || WaitsForFirstBuild(app, target.Build, building))
        {
            await ReportWithoutImageAsync(app, builds, building, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (releases.OwnerKindOf(app.Metadata.NamespaceProperty, app.Metadata.Name) is { } owner && owner != "App")
        {
            await SetPhaseAsync(app, AppPhase.Failed, PhaseOutcome.Failed, Reasons.InvalidSpec,
                $"the Helm release '{app.Metadata.Name}' in {app.Metadata.NamespaceProperty} belongs to a {owner} of the same name: rename the App", null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        bool written;
        try
        {
            written = await EnsureReleaseAsync(app, target.Image, target.Build, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidHelmValuesException e)
        {
            await SetPhaseAsync(app, AppPhase.Failed, PhaseOutcome.Failed, Reasons.InvalidSpec, e.Message, null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var observed = written
            ? ReleaseState.Installing($"deploying {target.Image}")
            : await releases.ObserveAsync(app.Metadata.NamespaceProperty, app.Metadata.Name, cancellationToken).ConfigureAwait(false);
        var (phase, outcome, reason) = observed.Stage switch
        {
            ReleaseStage.Failed => (AppPhase.Failed, PhaseOutcome.Failed, observed.Failure?.Reason ?? Reasons.DeployFailed),
            ReleaseStage.Installing => (AppPhase.Deploying, PhaseOutcome.Progressing, Reasons.Progressing),
            _ when building is not null => (AppPhase.Building, PhaseOutcome.Ready, Reasons.Progressing),
            _ => (AppPhase.Ready, PhaseOutcome.Ready, Reasons.Reconciled),
        };
        var message = observed.Stage == ReleaseStage.Ready
            ? building is not null ? $"{target.Image} is serving; build {building.Metadata.Name} is running" : $"{target.Image} is serving"
            : observed.Message;
        var deployed = observed.Stage switch
        {
            ReleaseStage.Ready => (ConditionStatus.True, Reasons.Reconciled),
            ReleaseStage.Failed => (ConditionStatus.False, Reasons.DeployFailed),
            _ => (ConditionStatus.False, Reasons.Progressing),
        };
        await SetPhaseAsync(app, phase, outcome, reason, message, status =>
        {
            status.Image = target.Image.ToString();
            status.LatestBuild = target.Build?.Metadata.Name ?? status.LatestBuild;
            status.Url = UrlOf(app);
            status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Deployed, deployed.Item1, deployed.Item2, observed.Message, app.Metadata.Generation, time.GetUtcNow().UtcDateTime);
        }, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// Renders and writes the release when its inputs changed. Rendering (values, YAML, hash) is the costly part
    /// of a reconcile, and most reconciles are wake-ups from the release's Jobs and Deployments: when the
    /// inputs are the ones of the last render and the HelmChart in the cache carries that render's hash, there
    /// is nothing to render.
    /// </summary>
    private async Task<bool> EnsureReleaseAsync(App app, ImageReference image, AppBuild? build, CancellationToken cancellationToken)
    {
        var platform = secrets.BindingValues(app);
        var inputs = $"{app.Metadata.Generation}|{image}|{build?.Metadata.Uid}|{platform?.ToJsonString()}";
        string? current = null;
        releases.Current(app.Metadata.NamespaceProperty, app.Metadata.Name)?.Metadata.Annotations?.TryGetValue(HelmChartRenderer.HashAnnotation, out current);
        if (lastRender.TryGetValue(app.Metadata.Uid, out var last) && last.Inputs == inputs && current is not null && last.Hash == current)
        {
            return false;
        }

        var rendered = charts.Render(app, values.Render(app, image, JsonMerge.Merge(platform, build?.Spec.HelmValues)));
        var written = await releases.EnsureAsync(rendered, cancellationToken).ConfigureAwait(false);
        lastRender[app.Metadata.Uid] = (inputs, HelmChartRenderer.HashOf(rendered) ?? "");
        return written;
    }

    /// <summary>
    /// An image app created together with its first build would otherwise install <c>build.image</c> at once and
    /// upgrade to the build's image moments later (a whole helm install and rollout replaced before anyone used it):
    /// while it has no release yet and no build has reached Deploying, it waits for the pending one (an image build goes
    /// straight to Deploying once the App's secrets are in place). An app that is already released keeps serving its
    /// image meanwhile.
    /// </summary>
    private bool WaitsForFirstBuild(App app, AppBuild? deployed, AppBuild? building) =>
        app.Spec.Build.Type == BuildType.Image && deployed is null && building is not null &&
        releases.Current(app.Metadata.NamespaceProperty, app.Metadata.Name) is null;

    /// <summary>
    /// An image app's first build has nothing to build: the build controller moves it to Deploying as soon as it takes
    /// it (that wakes this app, which then deploys), so a never-reported app does not report <c>Building</c> for those
    /// moments — a status write and an Event per app that only showed the build controller's backlog.
    /// </summary>
    private static bool TakesOverAtOnce(App app, AppBuild building) =>
        app.Spec.Build.Type == BuildType.Image && app.Status?.Phase is null && building.Status?.Phase is null or AppBuildPhase.Pending;

    /// <summary>The image to run: the newest build that is deploying or completed; for image-type apps the App's image with that build's tag.</summary>
    public static (ImageReference Image, AppBuild? Build)? DeployTarget(App app, IReadOnlyList<AppBuild> builds)
    {
        var latest = BuildOrder.Latest(builds.Where(b => b.Status?.Phase is AppBuildPhase.Deploying or AppBuildPhase.Completed && b.Status.Image is not null));
        if (app.Spec.Build.Type == BuildType.Image)
        {
            return app.Spec.Build.Image is { Length: > 0 } ? (BuildPlanner.ImageForImageApp(app, latest?.Spec.ImageTag), latest) : null;
        }

        return latest is not null && ImageReference.TryParse(latest.Status!.Image, out var image) ? (image, latest) : null;
    }

    /// <summary>The app's address: its first domain (https unless tls is off), else its in-cluster Service.</summary>
    public static string UrlOf(App app) => app.Spec.Domains is [var first, ..]
        ? $"{(first.Tls ?? true ? "https" : "http")}://{first.Host}"
        : $"http://{app.Metadata.Name}.{app.Metadata.NamespaceProperty}.svc.cluster.local:{app.Spec.Port ?? 8080}";

    private Task ReportWithoutImageAsync(App app, List<AppBuild> builds, AppBuild? building, CancellationToken cancellationToken)
    {
        if (building is not null)
        {
            if (TakesOverAtOnce(app, building))
            {
                return Task.CompletedTask;
            }

            return SetPhaseAsync(app, AppPhase.Building, PhaseOutcome.Progressing, Reasons.Progressing, $"build {building.Metadata.Name} is {building.Status?.Phase ?? AppBuildPhase.Pending}", null, cancellationToken);
        }

        if (BuildOrder.Latest(builds) is { Status.Phase: AppBuildPhase.Failed } failed)
        {
            return SetPhaseAsync(app, AppPhase.Failed, PhaseOutcome.Failed, failed.Status.Reason ?? Reasons.BuildFailed,
                $"build {failed.Metadata.Name} failed: {failed.Status.Message}", null, cancellationToken);
        }

        return SetPhaseAsync(app, AppPhase.Initializing, PhaseOutcome.Progressing, Reasons.Progressing,
            "nothing to deploy yet: create an AppBuild of this app (app.Deploy(...) in the SDK)", null, cancellationToken);
    }

    private async Task FinalizeAsync(App app, CancellationToken cancellationToken)
    {
        if (app.Metadata.Finalizers?.Contains(Finalizers.App) != true)
        {
            return;
        }

        var ns = app.Metadata.NamespaceProperty;
        var builds = state.AppBuilds.Cache.ByIndex(ClusterState.ByApp, ClusterState.AppKey(ns, app.Metadata.Name));
        foreach (var build in builds.Where(b => b.Metadata.DeletionTimestamp is null))
        {
            await client.DeleteAsync(Resources.AppBuilds, ns, build.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }

        var chart = releases.OwnerKindOf(ns, app.Metadata.Name) == "App" ? releases.Current(ns, app.Metadata.Name) : null;
        if (chart is not null && chart.Metadata.DeletionTimestamp is null)
        {
            // helm-controller uninstalls the release before it lets the HelmChart go.
            await client.DeleteAsync(Resources.HelmCharts, ns, chart.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }

        await secrets.DeleteDeployKeyAsync(app, cancellationToken).ConfigureAwait(false);
        if (builds.Count > 0 || chart is not null)
        {
            var waiting = string.Join(" and ", new[] { builds.Count > 0 ? $"{builds.Count} build(s)" : null, chart is not null ? "the Helm release" : null }.OfType<string>());
            reporter.Report(RelayResourceType.App, app, "Deleting", $"waiting for {waiting} to be removed");
            return; // the AppBuild and HelmChart informers bring us back when they are gone
        }

        await finalizer.RemoveAsync(Resources.Apps, Codecs.App, app, Finalizers.App, cancellationToken).ConfigureAwait(false);
        lastRender.TryRemove(app.Metadata.Uid, out _);
        reporter.Deleted(RelayResourceType.App, app);
        logger.LogInformation("App {Namespace}/{App}: release and builds removed, finalizer removed", ns, app.Metadata.Name);
    }

    private async Task SetPhaseAsync(App app, AppPhase phase, PhaseOutcome outcome, string reason, string message, Action<AppStatus>? extra, CancellationToken cancellationToken) =>
        ownWrites.Record(await phases.SetAsync<App, AppStatus, AppPhase>(Resources.Apps, Codecs.App, RelayResourceType.App, app, phase, outcome, reason, message, extra, cancellationToken).ConfigureAwait(false));
}

using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Kube;

/// <summary>The informers (and so the caches) every reconciler reads from. One informer per kind and selector.</summary>
internal sealed class ClusterState
{
    private readonly KubeRestClient client;
    private readonly string operatorNamespace;

    public ClusterState(KubeRestClient client, OperatorOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        this.client = client;
        operatorNamespace = options.OperatorNamespace;
        var resync = new InformerOptions { ResyncPeriod = options.ResyncPeriod };
        var noResync = resync with { ResyncPeriod = TimeSpan.Zero };
        var managed = noResync with { LabelSelector = $"{Labels.ManagedBy}={Labels.ManagedByOperator}" };
        var logger = loggers.CreateLogger("ShapeBlock.Operator.Informer");

        Projects = new(client, Resources.Projects, Codecs.Project, resync, logger, time);
        Teams = new(client, Resources.Teams, Codecs.Team, resync, logger, time);
        var watched = resync with { Namespace = options.WatchNamespace };
        Apps = new(client, Resources.Apps, Codecs.App, watched, logger, time);
        AppBuilds = new(client, Resources.AppBuilds, Codecs.AppBuild, watched, logger, time);
        Namespaces = new(client, Resources.Namespaces, Codecs.Namespace, managed, logger, time);
        OperatorSecrets = new(client, Resources.Secrets, Codecs.Secret, noResync with { Namespace = options.OperatorNamespace }, logger, time);
        ManagedSecrets = new(client, Resources.Secrets, Codecs.Secret, managed, logger, time);
        TeamBindings = new(client, Resources.RoleBindings, Codecs.RoleBinding, managed with { LabelSelector = $"{Labels.ManagedBy}={Labels.ManagedByOperator},{TeamLabel}" }, logger, time);

        var watchedNoResync = noResync with { Namespace = options.WatchNamespace };
        HelmCharts = new(client, Resources.HelmCharts, Codecs.HelmChart, watchedNoResync with { LabelSelector = $"{Labels.ManagedBy}={Labels.ManagedByOperator}" }, logger, time);
        HelmJobs = new(client, Resources.Jobs, Codecs.Job, watchedNoResync with { LabelSelector = HelmChartLabel }, logger, time);
        BuildJobs = new(client, Resources.Jobs, Codecs.Job, watchedNoResync with { LabelSelector = Labels.Build }, logger, time);
        BuildPods = new(client, Resources.Pods, Codecs.Pod, watchedNoResync with { LabelSelector = Labels.Build }, logger, time);
        ReleaseStatefulSets = new(client, Resources.StatefulSets, Codecs.StatefulSet, watchedNoResync with { LabelSelector = Labels.Instance }, logger, time);
        Services = new(client, Resources.Services, Codecs.Service, watched, logger, time);
        ReleaseDeployments = new(client, Resources.Deployments, Codecs.Deployment, watchedNoResync with { LabelSelector = Labels.Instance }, logger, time);

        Projects.Trim = p => CacheTrims.Status(p.Status);
        Teams.Trim = t => CacheTrims.Status(t.Status);
        Apps.Trim = a => CacheTrims.Status(a.Status);
        AppBuilds.Trim = b => CacheTrims.Status(b.Status);
        Services.Trim = s => CacheTrims.Status(s.Status);
        Namespaces.Trim = CacheTrims.Namespace;
        OperatorSecrets.Trim = CacheTrims.Secret;
        ManagedSecrets.Trim = CacheTrims.Secret;
        HelmJobs.Trim = CacheTrims.HelmJob;
        ReleaseDeployments.Trim = CacheTrims.ReleaseDeployment;
        ReleaseStatefulSets.Trim = CacheTrims.ReleaseStatefulSet;

        TeamBindings.Cache.AddIndex(ByTeam, b => b.Metadata.Labels?.TryGetValue(TeamLabel, out var team) == true ? [team] : []);
        AppBuilds.Cache.AddIndex(ByApp, b => [$"{b.Metadata.NamespaceProperty}/{b.Spec.AppName}"]);
        AppBuilds.Cache.AddIndex(ByBuild, b => [$"{b.Metadata.NamespaceProperty}/{ShapeBlock.Operator.Apps.KubeNames.LabelValue(b.Metadata.Name)}"]);
        BuildJobs.Cache.AddIndex(ByBuild, j => BuildKeyOf(j.Metadata));
        BuildPods.Cache.AddIndex(ByBuild, p => BuildKeyOf(p.Metadata));
        ReleaseStatefulSets.Cache.AddIndex(ByRelease, d => d.Metadata.Labels?.TryGetValue(Labels.Instance, out var release) == true ? [$"{d.Metadata.NamespaceProperty}/{release}"] : []);
        Apps.Cache.AddIndex(ByService, a => a.Spec.Services?.Select(s => $"{a.Metadata.NamespaceProperty}/{s.Name}") ?? []);
        ReleaseDeployments.Cache.AddIndex(ByRelease, d => d.Metadata.Labels?.TryGetValue(Labels.Instance, out var release) == true ? [$"{d.Metadata.NamespaceProperty}/{release}"] : []);
        Teams.Cache.AddIndex(ByProject, t => t.Spec.Projects?.Select(p => p.Name) ?? []);
    }

    public const string TeamLabel = "shapeblock.io/team";
    public const string ByTeam = "team";
    public const string ByProject = "project";
    public const string ByApp = "app";
    public const string ByBuild = "build";
    public const string ByRelease = "release";
    public const string ByService = "service";

    /// <summary>The label helm-controller puts on its install and delete Jobs (value: the HelmChart's name).</summary>
    public const string HelmChartLabel = "helmcharts.helm.cattle.io/chart";

    public Informer<Project> Projects { get; }

    public Informer<Team> Teams { get; }

    /// <summary>Apps (the App and AppBuild reconcilers of issue #5 read them; cached from the start so the caches are warm).</summary>
    public Informer<App> Apps { get; }

    /// <summary>AppBuilds, indexed by <c>namespace/appName</c>.</summary>
    public Informer<AppBuild> AppBuilds { get; }

    /// <summary>HelmCharts the operator wrote (apps; services later).</summary>
    public Informer<HelmChart> HelmCharts { get; }

    /// <summary>helm-controller's install/delete Jobs.</summary>
    public Informer<V1Job> HelmJobs { get; }

    /// <summary>Build and resolve Jobs, indexed by <c>namespace/build</c>.</summary>
    public Informer<V1Job> BuildJobs { get; }

    /// <summary>Pods of build and resolve Jobs, indexed by <c>namespace/build</c>.</summary>
    public Informer<V1Pod> BuildPods { get; }

    /// <summary>Deployments of Helm releases, indexed by <c>namespace/release</c>.</summary>
    public Informer<V1Deployment> ReleaseDeployments { get; }

    /// <summary>StatefulSets of Helm releases (catalog databases), indexed by <c>namespace/release</c>.</summary>
    public Informer<V1StatefulSet> ReleaseStatefulSets { get; }

    /// <summary>Backing services.</summary>
    public Informer<Service> Services { get; }

    public Informer<V1Namespace> Namespaces { get; }

    public Informer<V1Secret> OperatorSecrets { get; }

    public Informer<V1Secret> ManagedSecrets { get; }

    public Informer<V1RoleBinding> TeamBindings { get; }

    public IEnumerable<Func<CancellationToken, Task>> Runners =>
    [
        Projects.RunAsync, Teams.RunAsync, Apps.RunAsync, AppBuilds.RunAsync, Namespaces.RunAsync, OperatorSecrets.RunAsync, ManagedSecrets.RunAsync, TeamBindings.RunAsync,
        HelmCharts.RunAsync, HelmJobs.RunAsync, BuildJobs.RunAsync, BuildPods.RunAsync, ReleaseDeployments.RunAsync, ReleaseStatefulSets.RunAsync, Services.RunAsync,
    ];

    /// <summary>Each informer's first list: when it began and ended (Stopwatch timestamps) and how many objects it cached.</summary>
    public IEnumerable<(string Name, (long Started, long Synced) FirstList, int Count)> FirstLists =>
    [
        ("projects", Projects.FirstList, Projects.Cache.Count), ("teams", Teams.FirstList, Teams.Cache.Count), ("apps", Apps.FirstList, Apps.Cache.Count),
        ("appbuilds", AppBuilds.FirstList, AppBuilds.Cache.Count), ("namespaces", Namespaces.FirstList, Namespaces.Cache.Count),
        ("operator secrets", OperatorSecrets.FirstList, OperatorSecrets.Cache.Count), ("managed secrets", ManagedSecrets.FirstList, ManagedSecrets.Cache.Count),
        ("team rolebindings", TeamBindings.FirstList, TeamBindings.Cache.Count), ("helmcharts", HelmCharts.FirstList, HelmCharts.Cache.Count),
        ("helm jobs", HelmJobs.FirstList, HelmJobs.Cache.Count), ("build jobs", BuildJobs.FirstList, BuildJobs.Cache.Count), ("build pods", BuildPods.FirstList, BuildPods.Cache.Count),
        ("deployments", ReleaseDeployments.FirstList, ReleaseDeployments.Cache.Count), ("statefulsets", ReleaseStatefulSets.FirstList, ReleaseStatefulSets.Cache.Count),
        ("services", Services.FirstList, Services.Cache.Count),
    ];

    public async Task WaitForSyncAsync(CancellationToken cancellationToken) => await Task.WhenAll(
        Projects.WaitForSyncAsync(cancellationToken),
        Teams.WaitForSyncAsync(cancellationToken),
        Apps.WaitForSyncAsync(cancellationToken),
        AppBuilds.WaitForSyncAsync(cancellationToken),
        Namespaces.WaitForSyncAsync(cancellationToken),
        OperatorSecrets.WaitForSyncAsync(cancellationToken),
        ManagedSecrets.WaitForSyncAsync(cancellationToken),
        TeamBindings.WaitForSyncAsync(cancellationToken),
        HelmCharts.WaitForSyncAsync(cancellationToken),
        HelmJobs.WaitForSyncAsync(cancellationToken),
        BuildJobs.WaitForSyncAsync(cancellationToken),
        BuildPods.WaitForSyncAsync(cancellationToken),
        ReleaseDeployments.WaitForSyncAsync(cancellationToken),
        ReleaseStatefulSets.WaitForSyncAsync(cancellationToken),
        Services.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>
    /// A Secret from the cache of Secrets the operator labels, else read from the API server (a user's own
    /// Secret, which no informer watches).
    /// </summary>
    /// <returns>The Secret (null when there is none) and whether it came from the cache (so changes to it wake reconcilers).</returns>
    public async Task<(V1Secret? Secret, bool Cached)> FindSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        ManagedSecrets.Cache.Get(new ObjectKey(ns, name)) is { } cached
            ? (cached, true)
            : (await client.GetAsync(Resources.Secrets, Codecs.Secret, ns, name, cancellationToken).ConfigureAwait(false), false);

    /// <summary>
    /// A Secret of the operator's namespace from the cache, else read from the API server: the Secret watch may not
    /// have delivered a Secret created moments before the object that needs it (each watch is its own stream), and a
    /// cache miss alone would report a missing Secret that exists.
    /// </summary>
    /// <returns>The Secret, or null when the API server has none either.</returns>
    public async Task<V1Secret?> FindOperatorSecretAsync(string name, CancellationToken cancellationToken) =>
        OperatorSecrets.Cache.Get(new ObjectKey(operatorNamespace, name))
        ?? await client.GetAsync(Resources.Secrets, Codecs.Secret, operatorNamespace, name, cancellationToken).ConfigureAwait(false);

    /// <summary>The key of an App (<c>namespace/name</c>) as used by <see cref="ByApp"/> and <see cref="ByRelease"/>.</summary>
    public static string AppKey(string? ns, string app) => $"{ns}/{app}";

    private static IEnumerable<string> BuildKeyOf(V1ObjectMeta metadata) =>
        metadata.Labels?.TryGetValue(Labels.Build, out var build) == true ? [$"{metadata.NamespaceProperty}/{build}"] : [];
}

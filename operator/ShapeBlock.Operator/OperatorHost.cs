using k8s;
using Microsoft.Extensions.Logging;
using ShapeBlock.Api;
using ShapeBlock.Operator.Health;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Reconcilers;
using ShapeBlock.Operator.Reconcilers.Apps;
using ShapeBlock.Operator.Reconcilers.Releases;
using ShapeBlock.Operator.Reconcilers.Services;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Controllers;
using ShapeBlock.Operator.Runtime.Informers;
using ShapeBlock.Operator.Runtime.Leadership;

namespace ShapeBlock.Operator;

/// <summary>
/// Wires the operator: informers (caches), controllers and their event sources, leader election,
/// health and metrics. Every replica syncs its caches and serves health; only the leader reconciles.
/// </summary>
public sealed class OperatorHost
{
    private readonly OperatorOptions options;
    private readonly ILoggerFactory loggers;
    private readonly TimeProvider time;
    private readonly MetricsRegistry registry = new();
    private readonly ClusterState state;
    private readonly List<Controller> controllers = [];
    private readonly ServerRelay? relay;
    private readonly HttpClient deployKeyHttp = new() { Timeout = TimeSpan.FromSeconds(15) };
    private BuildLogFollower? buildLogs;
    private EventQueue? events;
    private volatile bool synced;

    /// <summary>Creates the host over a configured KubernetesClient (tests, benchmarks).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="kubernetes">API client (its HttpClient and credentials are used; it stays the caller's).</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="time">Clock (tests may pass a fake one).</param>
    public OperatorHost(OperatorOptions options, Kubernetes kubernetes, ILoggerFactory loggers, TimeProvider? time = null)
        : this(options, new KubeRestClient(kubernetes), loggers, time)
    {
    }

    /// <summary>Creates the host.</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="client">API client (stays the caller's to dispose).</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="time">Clock (tests may pass a fake one).</param>
    public OperatorHost(OperatorOptions options, KubeRestClient client, ILoggerFactory loggers, TimeProvider? time = null)
    {
        this.options = options;
        this.loggers = loggers;
        this.time = time ?? TimeProvider.System;
        Rest = client;
        state = new ClusterState(Rest, options, loggers, this.time);
        Instruments = new OperatorMetrics(registry);
        if (options.WebSocketUrl is { } url)
        {
            relay = new ServerRelay(new RelayOptions(url, options.ApiKey ?? ""), loggers.CreateLogger<ServerRelay>(), this.time);
            registry.AddBeforeCollectCallback(() =>
            {
                Instruments.RelayConnected.Set(relay.State == RelayState.Connected ? 1 : 0);
                Instruments.RelayLogBytesDropped.IncTo(relay.Metrics.LogBytesDropped);
            });
        }

        WireControllers();
    }

    /// <summary>The REST client the operator uses (its <see cref="KubeRestClient.OnRequest"/> hook counts calls).</summary>
    public KubeRestClient Rest { get; }

    /// <summary>True once every cache holds its first full list.</summary>
    public bool IsReady => synced;

    /// <summary>True while this replica holds the leader lease (always true without leader election, once started).</summary>
    public bool IsLeader { get; private set; }

    internal OperatorMetrics Instruments { get; }

    /// <summary>The process's start-up milestones (the operator process sets it): the "Caches synced" line then says where the time went.</summary>
    internal StartupTimeline? Timeline { get; init; }

    /// <summary>Events queued for writing and not yet taken by a writer (0 before the controllers start).</summary>
    public int EventsPending => events?.Pending ?? 0;

    /// <summary>Events dropped so far because the bounded Event queue was full (<c>shapeblock_events_dropped_total</c>).</summary>
    public long EventsDropped => events?.Dropped ?? 0;

    /// <summary>Reconciles run so far by one controller (<c>project</c>, <c>team</c>).</summary>
    /// <param name="controller">The controller name.</param>
    /// <returns>The count.</returns>
    public long ReconcileCount(string controller) => Instruments.ReconcileCount(controller);

    /// <summary>Runs until cancelled (graceful shutdown) or until leadership is lost (returns false: exit and restart).</summary>
    /// <param name="cancellationToken">Stops the operator.</param>
    /// <returns>False when leadership was lost.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var background = new List<Task>(state.Runners.Select(run => Task.Run(() => run(stop.Token), CancellationToken.None)));
        if (relay is not null)
        {
            background.Add(Task.Run(() => relay.RunAsync(stop.Token), CancellationToken.None));
        }

        if (options.HealthAddress.Length > 0)
        {
            var health = new HealthServer(options.HealthAddress, () => synced, registry, loggers.CreateLogger<HealthServer>());
            background.Add(Task.Run(() => health.RunAsync(stop.Token), CancellationToken.None));
        }

        if (options.CompactWhenIdle)
        {
            var compactor = new IdleCompactor(() => controllers.TrueForAll(c => c.QueueDepth == 0), time);
            registry.AddBeforeCollectCallback(() => Instruments.IdleCompactions.IncTo(compactor.Compactions));
            background.Add(Task.Run(() => compactor.RunAsync(stop.Token), CancellationToken.None));
        }

        var lost = false;
        try
        {
            await state.WaitForSyncAsync(stop.Token).ConfigureAwait(false);
            synced = true;
            LogSynced();
            if (options.LeaderElection)
            {
                var elector = new LeaderElector(Rest, new LeaderElectionOptions
                {
                    Namespace = options.OperatorNamespace,
                    LeaseDuration = options.LeaseDuration,
                    RenewDeadline = options.LeaseRenewDeadline,
                    RetryPeriod = options.LeaseRetryPeriod,
                }, loggers.CreateLogger<LeaderElector>(), time);
                lost = await elector.RunAsync(LeadAsync, stop.Token).ConfigureAwait(false);
            }
            else
            {
                await LeadAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            // The reconciles have drained: write the Events they queued before the client goes.
            if (events is not null)
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(background).ConfigureAwait(false);
            foreach (var controller in controllers)
            {
                controller.Dispose();
            }

            if (buildLogs is not null)
            {
                await buildLogs.DisposeAsync().ConfigureAwait(false);
            }

            deployKeyHttp.Dispose();
            if (relay is not null)
            {
                await relay.DisposeAsync().ConfigureAwait(false);
            }
        }

        return !lost;
    }

    private void LogSynced()
    {
        var logger = loggers.CreateLogger<OperatorHost>();
        if (Timeline is not { } timeline)
        {
            logger.LogInformation("Caches synced; {Options}", options);
            return;
        }

        timeline.Mark("caches synced");
        var lists = string.Join(", ", state.FirstLists.Select(l => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{l.Name} {l.Count} +{timeline.Offset(l.FirstList.Started):F0}..{timeline.Offset(l.FirstList.Synced):F0}")));
        var cpu = Environment.CpuUsage;
        logger.LogInformation(
            "Caches synced ({Timeline}; CPU {Cpu:F0} ms, user {User:F0}; allocated {Allocated:F1} MiB, {Collections} GCs; first lists, ms after Main: {Lists}); {Options}",
            timeline,
            cpu.TotalTime.TotalMilliseconds,
            cpu.UserTime.TotalMilliseconds,
            GC.GetTotalAllocatedBytes() / 1048576.0,
            GC.CollectionCount(0),
            lists,
            options);
    }

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        IsLeader = true;
        Instruments.Leader.Set(1);
        try
        {
            await Task.WhenAll(controllers.Select(c => c.RunAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            IsLeader = false;
            Instruments.Leader.Set(0);
        }
    }

    private void WireControllers()
    {
        var status = new StatusWriter(Rest);
        var finalizer = new Finalizer(Rest);
        var recorder = new EventRecorder(Rest, loggers.CreateLogger<EventRecorder>(), time);
        var queue = new EventQueue(recorder, loggers.CreateLogger<EventQueue>());
        events = queue;
        registry.AddBeforeCollectCallback(() => Instruments.EventsDropped.IncTo(queue.Dropped));
        var controllerOptions = new ControllerOptions();
        var reporter = new StatusReporter(relay);
        var phases = new PhaseRecorder(status, queue, reporter, time);

        var projects = new Controller(
            "project",
            new ProjectReconciler(state, new ProjectChildren(Rest, state), phases, finalizer, reporter, options, loggers.CreateLogger<ProjectReconciler>()),
            controllerOptions,
            loggers.CreateLogger("ShapeBlock.Operator.Controller.Project"),
            Instruments,
            time);
        projects.For(state.Projects)
            .Watches(state.Namespaces, ns => ProjectOf(ns.Metadata.Labels))
            .Watches(state.ManagedSecrets, secret => ProjectOf(secret.Metadata.Labels))
            .Watches(state.OperatorSecrets, secret => state.Projects.Cache.List()
                .Where(p => (p.Spec.RegistrySecret ?? ProjectReconciler.RegistrySecretName) == secret.Metadata.Name)
                .Select(ObjectKey.Of));
        controllers.Add(projects);

        var teams = new Controller(
            "team",
            new TeamReconciler(Rest, state, phases, finalizer, reporter),
            controllerOptions,
            loggers.CreateLogger("ShapeBlock.Operator.Controller.Team"),
            Instruments,
            time);
        teams.For(state.Teams)
            .Watches(state.Namespaces, ns => state.Teams.Cache.ByIndex(ClusterState.ByProject, ns.Metadata.Name).Select(ObjectKey.Of))
            .Watches(state.TeamBindings, binding => binding.Metadata.Labels?.TryGetValue(ClusterState.TeamLabel, out var team) == true ? [new ObjectKey(null, team)] : []);
        controllers.Add(teams);
        var releases = new HelmReleases(Rest, state, options.Apps);
        var appControllerOptions = controllerOptions with { MaxConcurrentReconciles = options.Apps.Workers };
        WireAppControllers(releases, phases, finalizer, reporter, appControllerOptions);
        WireServiceController(releases, phases, recorder, finalizer, reporter, appControllerOptions);
    }

    private void WireServiceController(HelmReleases releases, PhaseRecorder phases, EventRecorder events, Finalizer finalizer, StatusReporter reporter, ControllerOptions controllerOptions)
    {
        var services = new Controller(
            "service",
            new ServiceReconciler(state, releases, new ShapeBlock.Operator.Apps.Services.ServiceRenderer(options.Apps.Render), Rest, phases, events, finalizer, reporter, loggers.CreateLogger<ServiceReconciler>()),
            controllerOptions,
            loggers.CreateLogger("ShapeBlock.Operator.Controller.Service"),
            Instruments,
            time);
        services.For(state.Services)
            .Owns(state.HelmCharts, "Service")
            .Watches(state.HelmJobs, job => LabelKey(job.Metadata, ClusterState.HelmChartLabel))
            .Watches(state.ReleaseDeployments, deployment => LabelKey(deployment.Metadata, Labels.Instance))
            .Watches(state.ReleaseStatefulSets, set => LabelKey(set.Metadata, Labels.Instance))
            .Watches(state.ManagedSecrets, secret => LabelKey(secret.Metadata, Labels.Service));
        controllers.Add(services);
    }

    private void WireAppControllers(HelmReleases release, PhaseRecorder phases, Finalizer finalizer, StatusReporter reporter, ControllerOptions controllerOptions)
    {
        var secrets = new AppSecrets(Rest, state, new DeployKeyClient(options, deployKeyHttp), options.Apps);
        buildLogs = new BuildLogFollower(Rest, relay, loggers.CreateLogger<BuildLogFollower>());

        var appWrites = new OwnWrites();
        var apps = new Controller(
            "app",
            new AppReconciler(state, release, secrets, options.Apps, phases, finalizer, Rest, reporter, time, appWrites, loggers.CreateLogger<AppReconciler>()),
            controllerOptions,
            loggers.CreateLogger("ShapeBlock.Operator.Controller.App"),
            Instruments,
            time);
        apps.For(state.Apps, appWrites)
            .Owns(state.HelmCharts, "App")
            .Watches(state.HelmJobs, job => LabelKey(job.Metadata, ClusterState.HelmChartLabel))
            .Watches(state.ReleaseDeployments, deployment => LabelKey(deployment.Metadata, Labels.Instance))
            .Watches(state.AppBuilds, build => [new ObjectKey(build.Metadata.NamespaceProperty, build.Spec.AppName)])
            .Watches(state.ManagedSecrets, secret => secret.Metadata.Labels?.ContainsKey(Labels.App) == true
                ? LabelKey(secret.Metadata, Labels.App)
                : secret.Metadata.Labels?.TryGetValue(Labels.Service, out var service) == true
                    ? AppsBinding(secret.Metadata.NamespaceProperty, service)
                    : state.Apps.Cache.List(secret.Metadata.NamespaceProperty).Select(ObjectKey.Of))
            .Watches(state.Services, service => AppsBinding(service.Metadata.NamespaceProperty, service.Metadata.Name));
        controllers.Add(apps);

        var buildWrites = new OwnWrites();
        var builds = new Controller(
            "appbuild",
            new AppBuildReconciler(
                state,
                new BuildJobs(Rest, state, options.Apps),
                new BuildObserver(Rest, state, options.Apps, time),
                buildLogs,
                secrets,
                release,
                phases,
                finalizer,
                reporter,
                time,
                buildWrites,
                loggers.CreateLogger<AppBuildReconciler>()),
            controllerOptions,
            loggers.CreateLogger("ShapeBlock.Operator.Controller.AppBuild"),
            Instruments,
            time);
        builds.For(state.AppBuilds, buildWrites)
            .Owns(state.BuildJobs, "AppBuild")
            .Watches(state.BuildPods, pod => pod.Metadata.Labels?.TryGetValue(Labels.Build, out var build) == true
                ? state.AppBuilds.Cache.ByIndex(ClusterState.ByBuild, $"{pod.Metadata.NamespaceProperty}/{build}").Select(ObjectKey.Of)
                : [])
            .Watches(state.Apps, app => UnfinishedBuilds(app.Metadata.NamespaceProperty, app.Metadata.Name))
            .Watches(state.AppBuilds, build => UnfinishedBuilds(build.Metadata.NamespaceProperty, build.Spec.AppName).Where(k => k.Name != build.Metadata.Name))
            .Watches(state.ManagedSecrets, secret => secret.Metadata.Labels?.TryGetValue(Labels.App, out var app) == true
                ? UnfinishedBuilds(secret.Metadata.NamespaceProperty, app)
                : []);
        controllers.Add(builds);
    }

    private IEnumerable<ObjectKey> AppsBinding(string? ns, string service) =>
        state.Apps.Cache.ByIndex(ClusterState.ByService, $"{ns}/{service}").Select(ObjectKey.Of);

    private IEnumerable<ObjectKey> UnfinishedBuilds(string? ns, string app) =>
        state.AppBuilds.Cache.ByIndex(ClusterState.ByApp, ClusterState.AppKey(ns, app))
            .Where(b => !BuildOrder.IsTerminal(b) || b.Metadata.DeletionTimestamp is not null)
            .Select(ObjectKey.Of);

    private static IEnumerable<ObjectKey> LabelKey(k8s.Models.V1ObjectMeta metadata, string label) =>
        metadata.Labels?.TryGetValue(label, out var name) == true ? [new ObjectKey(metadata.NamespaceProperty, name)] : [];

    private static IEnumerable<ObjectKey> ProjectOf(IDictionary<string, string>? labels) =>
        labels?.TryGetValue(Labels.Project, out var project) == true ? [new ObjectKey(null, project)] : [];
}

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
    public ClusterState(KubeRestClient client, OperatorOptions options, ILoggerFactory loggers, TimeProvider time)
    {
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

        TeamBindings.Cache.AddIndex(ByTeam, b => b.Metadata.Labels?.TryGetValue(TeamLabel, out var team) == true ? [team] : []);
        AppBuilds.Cache.AddIndex(ByApp, b => [$"{b.Metadata.NamespaceProperty}/{b.Spec.AppName}"]);
        Teams.Cache.AddIndex(ByProject, t => t.Spec.Projects?.Select(p => p.Name) ?? []);
    }

    public const string TeamLabel = "shapeblock.io/team";
    public const string ByTeam = "team";
    public const string ByProject = "project";
    public const string ByApp = "app";

    public Informer<Project> Projects { get; }

    public Informer<Team> Teams { get; }

    /// <summary>Apps (the App and AppBuild reconcilers of issue #5 read them; cached from the start so the caches are warm).</summary>
    public Informer<App> Apps { get; }

    /// <summary>AppBuilds, indexed by <c>namespace/appName</c>.</summary>
    public Informer<AppBuild> AppBuilds { get; }

    public Informer<V1Namespace> Namespaces { get; }

    public Informer<V1Secret> OperatorSecrets { get; }

    public Informer<V1Secret> ManagedSecrets { get; }

    public Informer<V1RoleBinding> TeamBindings { get; }

    public IEnumerable<Func<CancellationToken, Task>> Runners =>
    [
        Projects.RunAsync, Teams.RunAsync, Apps.RunAsync, AppBuilds.RunAsync, Namespaces.RunAsync, OperatorSecrets.RunAsync, ManagedSecrets.RunAsync, TeamBindings.RunAsync,
    ];

    public async Task WaitForSyncAsync(CancellationToken cancellationToken) => await Task.WhenAll(
        Projects.WaitForSyncAsync(cancellationToken),
        Teams.WaitForSyncAsync(cancellationToken),
        Apps.WaitForSyncAsync(cancellationToken),
        AppBuilds.WaitForSyncAsync(cancellationToken),
        Namespaces.WaitForSyncAsync(cancellationToken),
        OperatorSecrets.WaitForSyncAsync(cancellationToken),
        ManagedSecrets.WaitForSyncAsync(cancellationToken),
        TeamBindings.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
}

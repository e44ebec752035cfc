using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShapeBlock.Testing.Kubernetes.Faults;
using ShapeBlock.Testing.Kubernetes.Http;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes;

/// <summary>
/// An in-memory Kubernetes API server on a real socket (Kestrel, 127.0.0.1), so KubernetesClient and
/// kubectl talk to it unchanged through a generated kubeconfig. Start one per test (it starts in
/// milliseconds) with <see cref="StartAsync"/>; dispose it at the end.
/// </summary>
public sealed partial class InMemoryKubernetes : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GarbageCollector collector;
    private readonly bool ownsKubeconfig;

    private InMemoryKubernetes(InMemoryKubernetesOptions options, WebApplication app, ObjectApi api, PodLogStore logs, FaultInjector faults, WatchControl watches, GarbageCollector collector, SimulatorSet simulators, Uri baseUri, string kubeconfigPath, bool ownsKubeconfig)
    {
        Options = options;
        this.app = app;
        Api = api;
        Logs = logs;
        Faults = faults;
        Watches = watches;
        this.collector = collector;
        Simulators = simulators;
        BaseUri = baseUri;
        KubeconfigPath = kubeconfigPath;
        this.ownsKubeconfig = ownsKubeconfig;
    }

    /// <summary>The options it was started with.</summary>
    public InMemoryKubernetesOptions Options { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => BaseUri.Port;

    /// <summary>A kubeconfig pointing at this server (for kubectl and KubernetesClient).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The API semantics, for seeding and assertions without HTTP (not counted as requests).</summary>
    public ObjectApi Api { get; }

    /// <summary>The raw object store.</summary>
    public ObjectStore Store => Api.Store;

    /// <summary>The served resource types.</summary>
    public ResourceRegistry Registry => Api.Registry;

    /// <summary>Container logs served by <c>pods/{name}/log</c>.</summary>
    public PodLogStore Logs { get; }

    /// <summary>Fault injection and request counts.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Open HTTP watch streams.</summary>
    public WatchControl Watches { get; }

    /// <summary>The cluster-component simulators.</summary>
    public SimulatorSet Simulators { get; }

    /// <summary>Starts a server.</summary>
    /// <param name="options">Options; null for defaults.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server.</returns>
    public static async Task<InMemoryKubernetes> StartAsync(InMemoryKubernetesOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new InMemoryKubernetesOptions();
        var time = options.TimeProvider;
        var store = new ObjectStore(options.WatchHistoryLimit);
        var registry = new ResourceRegistry();
        var api = new ObjectApi(store, registry, time) { StrategicMergeOnCustomResources = options.StrategicMergeOnCustomResources };
        var logs = new PodLogStore(time);
        var faults = new FaultInjector(store);
        var watches = new WatchControl(store);
        var tables = new TableWriter(time);
        string address = "";
        var dispatcher = new ApiDispatcher(
            registry,
            faults,
            new DiscoveryHandler(registry, () => address),
            new OpenApiHandler(registry),
            new CrudHandler(api, tables),
            new PatchHandler(api),
            new WatchHandler(store, faults, watches, tables, options),
            new LogHandler(api, logs, time),
            new EvictionHandler(api, time));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);

        SeedCluster(api, options);
        var collector = new GarbageCollector(api, options.CollectDanglingDependents, removed =>
        {
            if (removed.Resource == new ResourceKey("", "pods"))
            {
                logs.RemovePod(removed.Namespace!, removed.Name);
            }
        });
        collector.Start();

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var baseUri = new Uri($"http://127.0.0.1:{bound.Port}/");
        address = $"127.0.0.1:{bound.Port}";
        var path = options.KubeconfigPath ?? Path.Combine(Path.GetTempPath(), $"inmemory-kube-{Guid.NewGuid():N}.yaml");
        Kubeconfig.Write(path, baseUri);

        var simulators = new SimulatorSet(api, logs, time);
        simulators.Enable(options.Simulators);
        return new InMemoryKubernetes(options, app, api, logs, faults, watches, collector, simulators, baseUri, path, options.KubeconfigPath is null);
    }

    /// <summary>A KubernetesClient (KubernetesClient.Aot) configured from this server's kubeconfig.</summary>
    /// <returns>A new client; dispose it when done.</returns>
    public k8s.Kubernetes CreateClient() => new(ClientConfiguration());

    /// <summary>The client configuration built from the kubeconfig file, as an application would load it.</summary>
    /// <returns>The configuration.</returns>
    public KubernetesClientConfiguration ClientConfiguration() => KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);

    /// <summary>Registers (creates or replaces) CustomResourceDefinitions, as if applied through the API.</summary>
    /// <param name="crds">CRD objects.</param>
    public void RegisterCrds(IEnumerable<JsonObject> crds) => RegisterCrds(Api, crds);

    /// <summary>Registers ShapeBlock's five CRDs (Project, App, AppBuild, Service, Team).</summary>
    public void RegisterShapeBlockCrds() => RegisterCrds(ClusterSeed.ShapeBlockCrds());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Simulators.DisposeAsync().ConfigureAwait(false);
        Store.CloseWatchers(externalOnly: false);
        await collector.DisposeAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        if (ownsKubeconfig)
        {
            File.Delete(KubeconfigPath);
        }
    }

    private static void SeedCluster(ObjectApi api, InMemoryKubernetesOptions options)
    {
        if (options.SeedCluster)
        {
            var namespaces = api.Resource("v1", "Namespace");
            foreach (var ns in ClusterSeed.Namespaces)
            {
                api.Create(namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
            }

            RegisterCrds(api, ClusterSeed.HelmControllerCrds());
        }

        if (options.ShapeBlockCrds)
        {
            RegisterCrds(api, ClusterSeed.ShapeBlockCrds());
        }

        RegisterCrds(api, options.Crds);
    }

    private static void RegisterCrds(ObjectApi api, IEnumerable<JsonObject> crds)
    {
        var resource = api.Resource("apiextensions.k8s.io/v1", "CustomResourceDefinition");
        var options = new WriteOptions { FieldManager = "kube-apiserver" };
        foreach (var crd in crds)
        {
            var name = Meta.Name(crd);
            if (api.TryGet(resource, null, name) is { } existing)
            {
                var replacement = (JsonObject)crd.DeepClone();
                Meta.Of(replacement)["resourceVersion"] = existing.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                api.Update(resource, null, name, replacement, options);
            }
            else
            {
                api.Create(resource, null, crd, options);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary>
/// Stands in for the ShapeBlock operator and for cert-manager's chart in SDK tests (the real operator has
/// its own tests): a store-watch-driven simulator that gives Projects a namespace and phase Active, Apps
/// phase Ready with a URL, walks AppBuilds through Building → Deploying → Completed (or Failed), marks
/// Services and Teams, holds finalizers like the operator and releases them on deletion, and registers
/// cert-manager's ClusterIssuer CRD when its HelmChart appears.
/// </summary>
internal sealed class OperatorStandIn : Simulator
{
    private const string Group = "apps.shapeblock.io";
    private static readonly WriteOptions Writes = new() { FieldManager = "operator-stand-in" };
    private readonly InMemoryKubernetes server;
    private readonly ConcurrentDictionary<string, string> failBuilds = new(StringComparer.Ordinal);

    public OperatorStandIn(InMemoryKubernetes server)
        : base(server.Api, server.Logs, TimeProvider.System)
    {
        this.server = server;
    }

    /// <summary>Apps stay Initializing (a wait for them must time out).</summary>
    public bool AppsNeverReady { get; set; }

    /// <summary>Builds stop at Building until opened.</summary>
    public TaskCompletionSource? BuildGate { get; set; }

    protected override IReadOnlyCollection<ResourceKey> Watched { get; } =
    [
        new(Group, "projects"), new(Group, "apps"), new(Group, "appbuilds"), new(Group, "services"), new(Group, "teams"), new("helm.cattle.io", "helmcharts"),
    ];

    /// <summary>The build fails with this reason and message.</summary>
    public void FailBuild(string name, string message) => failBuilds[name] = message;

    protected override void Handle(StoreEvent e)
    {
        if (e.Object is null || e.Type == WatchEventType.Deleted)
        {
            return;
        }

        var obj = e.Object;
        if (e.Resource.Resource == "helmcharts")
        {
            if (obj.Name == "cert-manager" && Api.Registry.FindByKey(new ResourceKey("cert-manager.io", "clusterissuers")) is null)
            {
                server.RegisterCrds([ClusterIssuerCrd()]);
            }

            return;
        }

        var resource = Resource(Group, e.Resource.Resource);
        var finalizer = $"{Group}/stand-in";
        if (obj.IsTerminating)
        {
            if (e.Resource.Resource == "projects" && Api.TryGet(Api.Resource("v1", "Namespace"), null, obj.Name) is not null)
            {
                Api.Delete(Api.Resource("v1", "Namespace"), null, obj.Name);
            }

            Api.RemoveFinalizer(resource, obj.Namespace, obj.Name, finalizer, Writes.FieldManager);
            return;
        }

        if (!obj.Finalizers.Contains(finalizer))
        {
            Api.Mutate(resource, obj.Namespace, obj.Name, o => ((JsonObject)o["metadata"]!)["finalizers"] = new JsonArray(finalizer), Writes);
            return;
        }

        var json = obj.ToJson();
        var phase = json["status"]?["phase"]?.GetValue<string>();
        switch (e.Resource.Resource)
        {
            case "projects":
                if (Api.TryGet(Api.Resource("v1", "Namespace"), null, obj.Name) is null)
                {
                    Api.Create(Api.Resource("v1", "Namespace"), null, new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["kind"] = "Namespace",
                        ["metadata"] = new JsonObject { ["name"] = obj.Name, ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "shapeblock-operator" } },
                    }, Writes);
                }

                SetStatus(resource, obj, phase, "Active", null);
                break;
            case "apps" when !AppsNeverReady:
                var host = json["spec"]?["domains"]?[0]?["host"]?.GetValue<string>() ?? $"{obj.Name}.{obj.Namespace}.example.test";
                SetStatus(resource, obj, phase, "Ready", $"https://{host}");
                break;
            case "apps":
                SetStatus(resource, obj, phase, "Initializing", null);
                break;
            case "appbuilds":
                Build(resource, obj, phase);
                break;
            case "services":
                SetStatus(resource, obj, phase, "Deployed", null);
                break;
            case "teams":
                SetStatus(resource, obj, phase, "Active", null);
                break;
        }
    }

    private void Build(ApiResource resource, StoredObject obj, string? phase)
    {
        switch (phase)
        {
            case null or "Pending":
                StartBuildPod(obj);
                Api.Mutate(resource, obj.Namespace, obj.Name, o => o["status"] = new JsonObject { ["phase"] = "Building", ["podName"] = PodName(obj) }, Writes, "status");
                break;
            case "Building" when failBuilds.TryGetValue(obj.Name, out var message):
                Api.Mutate(resource, obj.Namespace, obj.Name, o => o["status"] = new JsonObject { ["phase"] = "Failed", ["reason"] = "BuildFailed", ["message"] = message }, Writes, "status");
                break;
            case "Building":
                Spawn(async token =>
                {
                    if (BuildGate is { } gate)
                    {
                        await gate.Task.WaitAsync(token);
                    }

                    Logs.Append(obj.Namespace!, PodName(obj), "build", "pushed image registry.apps.example.com/demo/app@sha256:0123");
                    Logs.Complete(obj.Namespace!, PodName(obj), "build");
                    Api.Mutate(resource, obj.Namespace, obj.Name, o => o["status"]!["phase"] = "Deploying", Writes, "status");
                });
                break;
            case "Deploying":
                SetStatus(resource, obj, phase, "Completed", null);
                break;
        }
    }

    /// <summary>Lines the build pod logs first (a test may put a secret value in one, to see it masked).</summary>
    public IReadOnlyList<string> BuildLog { get; set; } = ["cloning https://github.com/acme/app.git", "building image"];

    private static string PodName(StoredObject build) => $"{build.Name}-build";

    private void StartBuildPod(StoredObject build)
    {
        var pods = Api.Resource("v1", "Pod");
        if (Api.TryGet(pods, build.Namespace, PodName(build)) is null)
        {
            Api.Create(pods, build.Namespace, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = PodName(build), ["namespace"] = build.Namespace },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "build", ["image"] = "gcr.io/kaniko-project/executor" }) },
            }, Writes);
        }

        foreach (var line in BuildLog)
        {
            Logs.Append(build.Namespace!, PodName(build), "build", line);
        }
    }

    private void SetStatus(ApiResource resource, StoredObject obj, string? current, string phase, string? url)
    {
        if (current == phase)
        {
            return;
        }

        Api.Mutate(resource, obj.Namespace, obj.Name, o =>
        {
            var status = new JsonObject { ["phase"] = phase };
            if (url is not null)
            {
                status["url"] = url;
            }

            o["status"] = status;
        }, Writes, "status");
    }

    private static JsonObject ClusterIssuerCrd() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = "clusterissuers.cert-manager.io" },
        ["spec"] = new JsonObject
        {
            ["group"] = "cert-manager.io",
            ["names"] = new JsonObject { ["kind"] = "ClusterIssuer", ["plural"] = "clusterissuers", ["singular"] = "clusterissuer" },
            ["scope"] = "Cluster",
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
            }),
        },
    };
}

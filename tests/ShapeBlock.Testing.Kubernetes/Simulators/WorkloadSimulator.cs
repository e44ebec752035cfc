using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>
/// Deployment and StatefulSet controllers with a scheduler and kubelet for their pods: pods are created
/// from the template (owned directly by the workload, without ReplicaSets), bound to a Ready schedulable
/// Node (a virtual node when the cluster has none), marked Running and Ready, replaced when deleted or
/// evicted, and the workload's status reports replicas/updated/ready/available with observedGeneration.
/// Node drain works against it: cordon a node, evict its pods, replacements land on other nodes.
/// </summary>
public sealed class WorkloadSimulator : Simulator
{
    private static readonly ResourceKey Deployments = new("apps", "deployments");
    private static readonly ResourceKey StatefulSets = new("apps", "statefulsets");
    private static readonly ResourceKey Pods = new("", "pods");
    private static readonly ResourceKey Nodes = new("", "nodes");
    private static readonly WriteOptions AsController = new() { FieldManager = "kube-controller-manager" };
    private readonly Lock sync = new();
    private readonly List<Func<JsonObject, bool>> neverReady = [];
    private readonly Kubelet kubelet;
    private volatile bool paused;

    internal WorkloadSimulator(ObjectApi api, PodLogStore logs, TimeProvider time)
        : base(api, logs, time) => kubelet = new Kubelet(api, logs, time);

    /// <summary>Create pods for workloads (default). When false, workload status is set to the desired counts directly.</summary>
    public bool CreatePods { get; set; } = true;

    /// <inheritdoc />
    protected override IReadOnlyCollection<ResourceKey> Watched { get; } = [Deployments, StatefulSets, Pods, Nodes];

    /// <summary>Creates a Ready node.</summary>
    /// <param name="name">Node name.</param>
    /// <param name="cpu">Allocatable CPU.</param>
    /// <param name="memory">Allocatable memory.</param>
    /// <returns>The stored Node.</returns>
    public StoredObject AddNode(string name, string cpu = "4", string memory = "8Gi")
    {
        var now = Meta.Timestamp(Time.GetUtcNow());
        var resources = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" };
        return Api.Create(Resource("", "nodes"), null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux" } },
            ["spec"] = new JsonObject(),
            ["status"] = new JsonObject
            {
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status", ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now }),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.32.0+k3s1", ["operatingSystem"] = "linux", ["architecture"] = "amd64" },
            },
        }, AsController).Object;
    }

    /// <summary>New pods stay Pending (unbound) until <see cref="ResumeScheduling"/>.</summary>
    public void PauseScheduling() => paused = true;

    /// <summary>Schedules every pending workload pod and lets new ones through.</summary>
    public void ResumeScheduling()
    {
        paused = false;
        foreach (var pod in Api.Store.List(Pods).Where(p => WorkloadOwner(p) is not null))
        {
            TrySchedule(pod);
        }
    }

    /// <summary>Pods of matching workloads run but never become Ready (the workload never becomes available).</summary>
    /// <param name="workload">Chooses Deployments/StatefulSets.</param>
    public void NeverReady(Func<JsonObject, bool> workload)
    {
        lock (sync)
        {
            neverReady.Add(workload);
        }
    }

    /// <inheritdoc />
    protected override void Handle(StoreEvent e)
    {
        var obj = e.Object!;
        if (obj.Resource == Deployments || obj.Resource == StatefulSets)
        {
            // A change that leaves the spec as observed (the controller's own status writes, metadata edits) has
            // nothing to reconcile: pods come and go through their own events.
            if (e.Type == WatchEventType.Added || e.Type == WatchEventType.Modified && !Observed(obj))
            {
                Reconcile(obj.Resource, obj.Namespace!, obj.Name);
            }
        }
        else if (obj.Resource == Pods && WorkloadOwner(obj) is { } owner)
        {
            if (e.Type == WatchEventType.Added)
            {
                TrySchedule(obj);
            }

            Reconcile(owner.Kind == "Deployment" ? Deployments : StatefulSets, obj.Namespace!, owner.Name);
        }
        else if (obj.Resource == Nodes && e.Type != WatchEventType.Deleted && !paused)
        {
            foreach (var pod in Api.Store.List(Pods).Where(p => WorkloadOwner(p) is not null && Unbound(p)))
            {
                TrySchedule(pod);
            }
        }
    }

    private static bool Observed(StoredObject workload) =>
        workload.At("metadata", "generation") is { ValueKind: System.Text.Json.JsonValueKind.Number } generation &&
        workload.At("status", "observedGeneration") is { ValueKind: System.Text.Json.JsonValueKind.Number } observed &&
        generation.GetInt64() == observed.GetInt64();

    private void TrySchedule(StoredObject pod)
    {
        lock (Api.Store.Sync)
        {
            if (paused || Api.Store.Get(Pods, pod.Namespace, pod.Name) is not { IsTerminating: false } current || !Unbound(current))
            {
                return;
            }

            if (kubelet.PickNode() is not { } node)
            {
                if (current.ToJson()["status"]?["conditions"] is not JsonArray { Count: > 0 })
                {
                    kubelet.MarkUnschedulable(current, "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
                }

                return;
            }

            kubelet.Bind(current, node);
            var owner = WorkloadOwner(current);
            var workload = owner is null ? null : Api.Store.GetByUid(owner.Uid)?.ToJson();
            bool ready;
            lock (sync)
            {
                ready = workload is null || !neverReady.Any(m => m(workload));
            }

            kubelet.MarkRunning(current, ready);
        }
    }

    private void Reconcile(ResourceKey key, string ns, string name)
    {
        var resource = Resource(key.Group, key.Resource);
        lock (Api.Store.Sync)
        {
            if (Api.TryGet(resource, ns, name) is not { IsTerminating: false } stored)
            {
                return;
            }

            var workload = stored.ToJson();
            var desired = workload["spec"]?["replicas"]?.GetValue<int>() ?? 1;
            var hash = TemplateHash(workload);
            var isSet = key == StatefulSets;
            int replicas, ready, updated;
            if (CreatePods)
            {
                var pods = Api.Store.DependentsOf(stored.Uid).Where(p => p.Resource == Pods).ToList();
                var live = pods.Where(p => !p.IsTerminating).ToList();
                foreach (var stale in live.Where(p => p.Labels.GetValueOrDefault(isSet ? "controller-revision-hash" : "pod-template-hash") != (isSet ? $"{name}-{hash}" : hash)).ToList())
                {
                    Api.Delete(Resource("", "pods"), ns, stale.Name);
                    live.Remove(stale);
                }

                if (isSet)
                {
                    foreach (var extra in live.Where(p => Ordinal(p.Name, name) >= desired).ToList())
                    {
                        Api.Delete(Resource("", "pods"), ns, extra.Name);
                        live.Remove(extra);
                    }

                    for (var i = 0; i < desired; i++)
                    {
                        if (!pods.Any(p => p.Name == $"{name}-{i}"))
                        {
                            live.Add(CreatePod(stored, workload, $"{name}-{i}", hash, isSet));
                        }
                    }
                }
                else
                {
                    foreach (var extra in live.Skip(desired).ToList())
                    {
                        Api.Delete(Resource("", "pods"), ns, extra.Name);
                        live.Remove(extra);
                    }

                    while (live.Count < desired)
                    {
                        live.Add(CreatePod(stored, workload, null, hash, isSet));
                    }
                }

                replicas = live.Count;
                ready = live.Count(p => Api.Store.Get(Pods, ns, p.Name) is { } current && IsReady(current));
                updated = live.Count;
            }
            else
            {
                replicas = ready = updated = desired;
            }

            WriteStatus(resource, stored, workload, desired, replicas, ready, updated, isSet ? $"{name}-{hash}" : null);
        }
    }

    private void WriteStatus(ApiResource resource, StoredObject stored, JsonObject workload, int desired, int replicas, int ready, int updated, string? revision)
    {
        var now = Meta.Timestamp(Time.GetUtcNow());
        Api.Mutate(resource, stored.Namespace, stored.Name, o =>
        {
            var previous = o["status"]?["conditions"] as JsonArray;
            var status = new JsonObject
            {
                ["observedGeneration"] = workload["metadata"]?["generation"]?.DeepClone(),
                ["replicas"] = replicas,
                ["updatedReplicas"] = updated,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
            };
            if (revision is not null)
            {
                status["currentReplicas"] = updated;
                status["currentRevision"] = revision;
                status["updateRevision"] = revision;
                status["collisionCount"] = 0;
            }
            else
            {
                if (replicas - ready > 0)
                {
                    status["unavailableReplicas"] = replicas - ready;
                }

                var available = ready >= desired;
                status["conditions"] = new JsonArray(
                    Condition(previous, "Available", available ? "True" : "False", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                        available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
                    Condition(previous, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{stored.Name}\" has successfully progressed.", now));
            }

            o["status"] = status;
        }, AsController, "status");
    }

    private StoredObject CreatePod(StoredObject owner, JsonObject workload, string? name, string hash, bool isSet)
    {
        var template = (JsonObject)workload["spec"]!["template"]!.DeepClone();
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
        var labels = metadata["labels"] as JsonObject ?? [];
        metadata["labels"] = labels;
        if (isSet)
        {
            labels["controller-revision-hash"] = $"{owner.Name}-{hash}";
            labels["statefulset.kubernetes.io/pod-name"] = name;
            metadata["name"] = name;
        }
        else
        {
            labels["pod-template-hash"] = hash;
            metadata["generateName"] = $"{owner.Name}-{hash}-";
        }

        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = isSet ? "StatefulSet" : "Deployment",
            ["name"] = owner.Name,
            ["uid"] = owner.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() };
        return Api.CreateOwned(Resource("", "pods"), owner.Namespace, pod, AsController).Object;
    }

    private static JsonObject Condition(JsonArray? previous, string type, string status, string reason, string message, string now)
    {
        var old = previous?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var same = old?["status"]?.GetValue<string>() == status;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = same ? old!["lastUpdateTime"]?.DeepClone() : now,
            ["lastTransitionTime"] = same ? old!["lastTransitionTime"]?.DeepClone() : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static string TemplateHash(JsonObject workload)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(workload["spec"]?["template"]?.ToJsonString() ?? ""));
        return Convert.ToHexStringLower(bytes)[..10];
    }

    private static int Ordinal(string podName, string setName) =>
        int.TryParse(podName.AsSpan(setName.Length + 1), out var i) ? i : int.MaxValue;

    private static bool Unbound(StoredObject pod) => pod.At("spec", "nodeName") is null or { ValueKind: System.Text.Json.JsonValueKind.Null };

    private static bool IsReady(StoredObject pod) =>
        pod.StringAt("status", "phase") == "Running" && JobSimulator.HasTrueCondition(pod, "Ready");

    private static OwnerReference? WorkloadOwner(StoredObject pod) =>
        pod.OwnerReferences.FirstOrDefault(o => o.Controller && o.Kind is "Deployment" or "StatefulSet");
}

using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>
/// The scheduler and kubelet for one pod: binds it to a node (or reports it unschedulable), then walks its
/// status through the phases a real kubelet reports, writing container logs as it goes.
/// </summary>
internal sealed class Kubelet(ObjectApi api, PodLogStore logs, TimeProvider time)
{
    public const string VirtualNode = "sim-node-1";
    private static readonly WriteOptions AsKubelet = new() { FieldManager = "kubelet" };
    private static readonly WriteOptions AsScheduler = new() { FieldManager = "default-scheduler" };

    private ApiResource Pods => api.Resource("v1", "Pod");

    /// <summary>A Ready, schedulable node; the virtual node when the cluster has no Node objects; null when every node is cordoned or not ready.</summary>
    public string? PickNode(string? avoid = null)
    {
        var nodes = api.Store.List(new ResourceKey("", "nodes"));
        if (nodes.Count == 0)
        {
            return VirtualNode;
        }

        var candidates = nodes.Select(n => n.ToJson()).Where(n =>
            n["spec"]?["unschedulable"]?.GetValue<bool>() != true &&
            (n["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True"))
            .Select(Meta.Name)
            .ToList();
        // Spread like the default scheduler's balancing: the node with the fewest pods wins.
        var load = api.Store.List(new ResourceKey("", "pods")).Select(p => p.ToJson()["spec"]?["nodeName"]?.GetValue<string>()).Where(n => n is not null).CountBy(n => n!).ToDictionary();
        return candidates.Where(n => n != avoid).OrderBy(n => load.GetValueOrDefault(n)).ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault() ?? candidates.FirstOrDefault();
    }

    public void MarkUnschedulable(StoredObject pod, string message)
    {
        var now = time.GetUtcNow();
        api.Mutate(Pods, pod.Namespace, pod.Name, o =>
        {
            var status = Status(o);
            status["phase"] = "Pending";
            SetCondition(status, "PodScheduled", "False", now, "Unschedulable", message);
        }, AsScheduler, "status");
        EventRecorder.Record(api, pod, "v1", "Pod", "Warning", "FailedScheduling", message, "default-scheduler", now);
    }

    public void Bind(StoredObject pod, string node)
    {
        var now = time.GetUtcNow();
        api.Mutate(Pods, pod.Namespace, pod.Name, o => ((JsonObject)o["spec"]!)["nodeName"] = node, AsScheduler);
        api.Mutate(Pods, pod.Namespace, pod.Name, o =>
        {
            var status = Status(o);
            status["phase"] = "Pending";
            status["hostIP"] = "10.0.0.10";
            status["podIP"] = $"10.42.0.{Random.Shared.Next(2, 250)}";
            status["startTime"] = Meta.Timestamp(now);
            SetCondition(status, "PodScheduled", "True", now);
            var inits = Names(o, "initContainers");
            SetCondition(status, "Initialized", inits.Count == 0 ? "True" : "False", now, inits.Count == 0 ? null : "ContainersNotInitialized");
            SetCondition(status, "Ready", "False", now, "ContainersNotReady");
            SetCondition(status, "ContainersReady", "False", now, "ContainersNotReady");
            status["initContainerStatuses"] = Statuses(o, "initContainers", Waiting("PodInitializing"), ready: false);
            status["containerStatuses"] = Statuses(o, "containers", Waiting(inits.Count == 0 ? "ContainerCreating" : "PodInitializing"), ready: false);
            if (((JsonArray)status["initContainerStatuses"]!).Count == 0)
            {
                status.Remove("initContainerStatuses");
            }
        }, AsKubelet, "status");
        EventRecorder.Record(api, pod, "v1", "Pod", "Normal", "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {node}", "default-scheduler", now);
    }

    /// <summary>Marks a (workload) pod Running with its containers started; Ready as asked.</summary>
    public void MarkRunning(StoredObject pod, bool ready)
    {
        var now = time.GetUtcNow();
        api.Mutate(Pods, pod.Namespace, pod.Name, o =>
        {
            var status = Status(o);
            status["phase"] = "Running";
            SetCondition(status, "Initialized", "True", now);
            SetCondition(status, "Ready", ready ? "True" : "False", now, ready ? null : "ContainersNotReady");
            SetCondition(status, "ContainersReady", ready ? "True" : "False", now, ready ? null : "ContainersNotReady");
            status["containerStatuses"] = Statuses(o, "containers", Running(now), ready);
        }, AsKubelet, "status");
    }

    /// <summary>Runs a job pod to completion as scripted.</summary>
    public async Task RunAsync(StoredObject pod, JobOutcome outcome, Func<TimeSpan, CancellationToken, Task> delay, CancellationToken cancellationToken)
    {
        await delay(outcome.StartDelay, cancellationToken).ConfigureAwait(false);
        if (outcome.UnschedulableMessage is { } unschedulable)
        {
            MarkUnschedulable(pod, unschedulable);
            return;
        }

        if (PickNode() is not { } node)
        {
            MarkUnschedulable(pod, "0/1 nodes are available: 1 node(s) were unschedulable.");
            return;
        }

        Bind(pod, node);
        var current = api.Get(Pods, pod.Namespace, pod.Name).ToJson();
        foreach (var init in Containers(current, "initContainers"))
        {
            var name = init["name"]!.GetValue<string>();
            var script = outcome.For(name, init: true);
            SetContainer(pod, "initContainerStatuses", Entry(name, Image(init), Running(time.GetUtcNow()), ready: false));
            var started = time.GetUtcNow();
            await WriteLogsAsync(pod, name, script, delay, cancellationToken).ConfigureAwait(false);
            await delay(script.Duration, cancellationToken).ConfigureAwait(false);
            SetContainer(pod, "initContainerStatuses", Terminated(pod, init, script, started));
            logs.Complete(pod.Namespace!, pod.Name, name);
            if (script.ExitCode != 0)
            {
                Finish(pod, "Failed", Init: true);
                return;
            }
        }

        var now = time.GetUtcNow();
        api.Mutate(Pods, pod.Namespace, pod.Name, o =>
        {
            var status = Status(o);
            status["phase"] = "Running";
            SetCondition(status, "Initialized", "True", now);
            SetCondition(status, "Ready", "True", now);
            SetCondition(status, "ContainersReady", "True", now);
            status["containerStatuses"] = Statuses(o, "containers", Running(now), ready: true);
        }, AsKubelet, "status");
        var mains = Containers(current, "containers");
        var results = await Task.WhenAll(mains.Select(async c =>
        {
            var name = c["name"]!.GetValue<string>();
            var script = outcome.For(name, init: false);
            await WriteLogsAsync(pod, name, script, delay, cancellationToken).ConfigureAwait(false);
            if (outcome.Gate is { } gate)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await delay(script.Duration, cancellationToken).ConfigureAwait(false);
            return (Name: name, Status: Terminated(pod, c, script, now), script.ExitCode);
        })).ConfigureAwait(false);
        foreach (var (name, _, _) in results)
        {
            logs.Complete(pod.Namespace!, pod.Name, name);
        }

        // One status update, as the kubelet's status manager reports terminated containers with the pod's new phase.
        Finish(pod, results.All(r => r.ExitCode == 0) ? "Succeeded" : "Failed", Init: false, new JsonArray([.. results.Select(r => (JsonNode)r.Status)]));
    }

    private void Finish(StoredObject pod, string phase, bool Init, JsonArray? containerStatuses = null)
    {
        var now = time.GetUtcNow();
        api.Mutate(Pods, pod.Namespace, pod.Name, o =>
        {
            var status = Status(o);
            if (containerStatuses is not null)
            {
                status["containerStatuses"] = containerStatuses;
            }

            status["phase"] = phase;
            SetCondition(status, "Ready", "False", now, "PodCompleted");
            SetCondition(status, "ContainersReady", "False", now, "PodCompleted");
            if (Init)
            {
                SetCondition(status, "Initialized", "False", now, "ContainersNotInitialized");
            }
        }, AsKubelet, "status");
    }

    private async Task WriteLogsAsync(StoredObject pod, string container, ContainerOutcome script, Func<TimeSpan, CancellationToken, Task> delay, CancellationToken cancellationToken)
    {
        foreach (var line in script.Logs)
        {
            logs.Append(pod.Namespace!, pod.Name, container, line);
            await delay(script.LogInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private JsonObject Terminated(StoredObject pod, JsonObject container, ContainerOutcome script, DateTimeOffset started)
    {
        var name = container["name"]!.GetValue<string>();
        var message = script.TerminationMessage;
        if (message is null && script.ExitCode != 0 && container["terminationMessagePolicy"]?.GetValue<string>() == "FallbackToLogsOnError")
        {
            message = string.Join("\n", logs.Lines(pod.Namespace!, pod.Name, name).TakeLast(80));
        }

        var terminated = new JsonObject
        {
            ["exitCode"] = script.ExitCode,
            ["reason"] = script.Reason ?? (script.ExitCode == 0 ? "Completed" : "Error"),
            ["startedAt"] = Meta.Timestamp(started),
            ["finishedAt"] = Meta.Timestamp(time.GetUtcNow()),
            ["containerID"] = $"containerd://{pod.Uid.Replace("-", "", StringComparison.Ordinal)}{name.Length}",
        };
        if (!string.IsNullOrEmpty(message))
        {
            terminated["message"] = message;
        }

        return Entry(name, Image(container), new JsonObject { ["terminated"] = terminated }, ready: false);
    }

    private void SetContainer(StoredObject pod, string field, JsonObject entry) =>
        api.Mutate(Pods, pod.Namespace, pod.Name, o =>
        {
            var list = Status(o)[field] as JsonArray ?? [];
            var items = list.Select(i => i?["name"]?.GetValue<string>() == entry["name"]!.GetValue<string>() ? entry.DeepClone() : i?.DeepClone()).ToArray();
            Status(o)[field] = new JsonArray(items);
        }, AsKubelet, "status");

    private static JsonObject Status(JsonObject pod)
    {
        if (pod["status"] is not JsonObject status)
        {
            status = [];
            pod["status"] = status;
        }

        return status;
    }

    private static void SetCondition(JsonObject status, string type, string value, DateTimeOffset now, string? reason = null, string? message = null)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        if (existing is not null && existing["status"]?.GetValue<string>() == value && existing["reason"]?.GetValue<string>() == reason && existing["message"]?.GetValue<string>() == message)
        {
            return;
        }

        var condition = new JsonObject { ["type"] = type, ["status"] = value, ["lastProbeTime"] = null, ["lastTransitionTime"] = Meta.Timestamp(now) };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        if (message is not null)
        {
            condition["message"] = message;
        }

        if (existing is not null)
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
        else
        {
            conditions.Add(condition);
        }
    }

    private static List<JsonObject> Containers(JsonObject pod, string field) => [.. (pod["spec"]?[field] as JsonArray ?? []).OfType<JsonObject>()];

    private static List<string> Names(JsonObject pod, string field) => [.. Containers(pod, field).Select(c => c["name"]?.GetValue<string>() ?? "")];

    private static JsonArray Statuses(JsonObject pod, string field, JsonObject state, bool ready) =>
        new([.. Containers(pod, field).Select(c => (JsonNode)Entry(c["name"]?.GetValue<string>() ?? "", Image(c), (JsonObject)state.DeepClone(), ready))]);

    private static string Image(JsonObject container) => container["image"]?.GetValue<string>() ?? "";

    private static JsonObject Entry(string name, string image, JsonObject state, bool ready) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["imageID"] = $"{image}@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        ["ready"] = ready,
        ["restartCount"] = 0,
        ["started"] = state["running"] is not null,
        ["state"] = state,
    };

    private static JsonObject Waiting(string reason) => new() { ["waiting"] = new JsonObject { ["reason"] = reason } };

    private static JsonObject Running(DateTimeOffset now) => new() { ["running"] = new JsonObject { ["startedAt"] = Meta.Timestamp(now) } };
}

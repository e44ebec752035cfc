using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>
/// Stands in for the kubelet of each stub k3s: when a host's <c>k3s server|agent</c> finished (its token or
/// server-url file exists, which the stub writes only on success), the Node named by <c>--node-name</c> registers in
/// the in-memory API server as Ready, with the <c>--node-label</c>s, <c>--node-taint</c>s and <c>--node-ip</c> it
/// was given — as k3s would. An agent (or a joining server) registers only once the server it was pointed at
/// (<c>K3S_URL</c> / <c>--server</c>) is up, as a real one cannot join before. A node deleted through the API is not
/// brought back by the same invocation. A machine switched off is NotReady at once (<see cref="PowerOffAsync"/>, called
/// by the fake cloud before the machine goes down); a stub k3s restarting (the installer run again, with the host's
/// restart gate on) is made NotReady before the restart may go on, and is Ready again after it finished. Switched on
/// or restarted, a node is Ready again <see cref="ReadyDelay"/> later (a kubelet's start-up), so a caller that does not
/// wait for Ready is caught. Every node reports a <c>status.nodeInfo.bootID</c>: a new one at registration and each time
/// its machine, switched on again, is Ready (<c>boot</c> event). With <see cref="StaleReadyWhileOff"/> a switched-off
/// node keeps its Ready=True condition until then, as the real node controller's ~40 s lag leaves it. Every power
/// change, boot and Ready change is recorded in <see cref="Events"/>.
/// </summary>
public sealed class K3sKubelet : IAsyncDisposable
{
    private readonly InMemoryKubernetes api;
    private readonly Func<IReadOnlyList<SshHost>> hosts;
    private readonly ConcurrentDictionary<string, byte> registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> serversUp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> notReadyUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> booting = new(StringComparer.Ordinal); // switched on, new bootID not written yet
    private readonly ConcurrentDictionary<string, byte> staleReady = new(StringComparer.Ordinal); // off, but left Ready (StaleReadyWhileOff)
    private readonly SemaphoreSlim gate = new(1, 1); // a scan and a power-off never interleave
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public K3sKubelet(InMemoryKubernetes api, Func<IReadOnlyList<SshHost>> hosts)
    {
        this.api = api;
        this.hosts = hosts;
        loop = Task.Run(RunAsync);
    }

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Power and readiness changes, in order.</summary>
    public ConcurrentQueue<NodeEvent> Events { get; } = new();

    /// <summary>How long after its machine is switched on or its k3s restarted a node is Ready again (default none).</summary>
    public TimeSpan ReadyDelay { get; set; }

    /// <summary>
    /// A switched-off node keeps its Ready=True condition (and old bootID) until its machine is on again and
    /// <see cref="ReadyDelay"/> passed — as on a real cloud, where the node controller marks a silent node NotReady only
    /// after ~40 s (default false: NotReady at once).
    /// </summary>
    public bool StaleReadyWhileOff { get; set; }

    /// <summary>
    /// The machine of <paramref name="node"/> is about to go down: records which other nodes are degraded now, then
    /// reports the node NotReady before returning (so nothing can see it Ready while it is off).
    /// </summary>
    public async Task PowerOffAsync(string node, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            notReadyUntil[node] = DateTimeOffset.MaxValue;
            booting.TryRemove(node, out _);
            Events.Enqueue(new NodeEvent(DateTimeOffset.UtcNow, node, "power-off", Degraded(node)));
            if (StaleReadyWhileOff)
            {
                staleReady[node] = 0;
                return;
            }

            await SyncReadyAsync(node, false, "NodeStatusUnknown");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The machine of <paramref name="node"/> runs again: Ready after <see cref="ReadyDelay"/>.</summary>
    public void PoweredOn(string node)
    {
        // Recorded first, so its time is not after the start of the start-up delay.
        var at = DateTimeOffset.UtcNow;
        Events.Enqueue(new NodeEvent(at, node, "power-on", []));
        notReadyUntil[node] = at + ReadyDelay;
        booting[node] = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
        gate.Dispose();
    }

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var host in hosts())
            {
                try
                {
                    await gate.WaitAsync(stop.Token);
                    try
                    {
                        await ScanAsync(host);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // A host being torn down; the next pass sees it gone.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Errors.Enqueue($"{host.Name}: {e.Message}");
                }
            }

            // The simulator's own cadence (like a kubelet's status loop); callers wait on the API, not on this.
            await Task.Delay(50, stop.Token);
        }
    }

    private async Task ScanAsync(SshHost host)
    {
        var last = host.K3sInvocations.LastOrDefault(i => i.Arguments.FirstOrDefault() is "server" or "agent");
        if (last is null || last.Flag("--node-name") is not { } name)
        {
            return;
        }

        if (host.K3sRestartRequested)
        {
            // k3s restarts: NotReady first, then the stub may go on.
            notReadyUntil[name] = DateTimeOffset.MaxValue;
            Events.Enqueue(new NodeEvent(DateTimeOffset.UtcNow, name, "restart", Degraded(name)));
            await SyncReadyAsync(name, false, "KubeletNotReady");
            host.AcknowledgeK3sRestart();
        }

        if (host.TakeK3sRestartFinished())
        {
            notReadyUntil[name] = DateTimeOffset.UtcNow + ReadyDelay;
        }

        var key = $"{host.Id}/{last.Sequence}";
        if (registered.ContainsKey(key))
        {
            // A machine that is switched off (its sshd stopped) or restarting k3s is NotReady until it runs again.
            var up = host.IsRunning && DateTimeOffset.UtcNow >= notReadyUntil.GetValueOrDefault(name, DateTimeOffset.MinValue);
            if (up && booting.TryRemove(name, out _))
            {
                staleReady.TryRemove(name, out _);
                await BootAsync(name);
                return;
            }

            if (!up && staleReady.ContainsKey(name))
            {
                return; // The stale Ready stands until the machine is back.
            }

            await SyncReadyAsync(name, up, "NodeStatusUnknown");
            return;
        }

        var marker = last.Arguments[0] == "server" ? "/var/lib/rancher/k3s/server/node-token" : "/var/lib/rancher/k3s/agent/server-url";
        if (await host.ReadFileAsync(marker) is null)
        {
            return;
        }

        var joins = last.Environment.GetValueOrDefault("K3S_URL") ?? last.Flag("--server");
        if (joins is not null && !serversUp.ContainsKey(new Uri(joins).Host))
        {
            return;
        }

        var labels = new JsonObject { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux" };
        foreach (var label in last.Flags("--node-label"))
        {
            var parts = label.Split('=', 2);
            labels[parts[0]] = parts.Length > 1 ? parts[1] : "";
        }

        var taints = new JsonArray();
        foreach (var taint in last.Flags("--node-taint"))
        {
            var (keyValue, effect) = (taint.Split(':')[0], taint.Split(':').ElementAtOrDefault(1) ?? "NoSchedule");
            var kv = keyValue.Split('=', 2);
            taints.Add(new JsonObject { ["key"] = kv[0], ["value"] = kv.Length > 1 ? kv[1] : "", ["effect"] = effect });
        }

        if (last.Arguments[0] == "server")
        {
            labels["node-role.kubernetes.io/control-plane"] = "true";
        }

        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        if (api.Get("v1", "Node", null, name) is null)
        {
            api.Create(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Node",
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
                ["spec"] = new JsonObject { ["taints"] = taints },
                ["status"] = new JsonObject
                {
                    ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = last.Flag("--node-ip") ?? host.Address }),
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now }),
                    ["nodeInfo"] = new JsonObject
                    {
                        ["architecture"] = "amd64",
                        ["bootID"] = Guid.NewGuid().ToString(),
                        ["containerRuntimeVersion"] = "containerd://1.7.0-k3s1",
                        ["kernelVersion"] = "6.1.0",
                        ["kubeProxyVersion"] = "v1.31.0+k3s1",
                        ["kubeletVersion"] = "v1.31.0+k3s1",
                        ["machineID"] = host.Id,
                        ["operatingSystem"] = "linux",
                        ["osImage"] = "Ubuntu 24.04 LTS",
                        ["systemUUID"] = host.Id,
                    },
                },
            });
        }

        if (last.Arguments[0] == "server" && last.Flag("--node-ip") is { } ip)
        {
            serversUp[ip] = 0;
        }

        registered[key] = 0;
    }

    /// <summary>Other nodes that are not Ready or are cordoned, by name.</summary>
    private List<string> Degraded(string except) =>
    [
        .. api.List("v1", "Node")
            .Where(n => n["metadata"]!["name"]!.GetValue<string>() != except)
            .Where(n => n["spec"]?["unschedulable"]?.GetValue<bool>() == true || !IsReady(n))
            .Select(n => n["metadata"]!["name"]!.GetValue<string>())
            .Order(StringComparer.Ordinal),
    ];

    private static bool IsReady(JsonNode node) =>
        node["status"]?["conditions"]?.AsArray().Any(c => c?["type"]?.GetValue<string>() == "Ready" && c?["status"]?.GetValue<string>() == "True") == true;

    /// <summary>The machine booted and its kubelet is up: a new bootID, Ready (whatever the condition said before).</summary>
    private async Task BootAsync(string name)
    {
        var node = api.Get("v1", "Node", null, name);
        if (node is null)
        {
            return;
        }

        var at = DateTimeOffset.UtcNow;
        if (!IsReady(node))
        {
            Events.Enqueue(new NodeEvent(at, name, "Ready", []));
        }

        Events.Enqueue(new NodeEvent(at, name, "boot", []));
        var now = at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now }),
            ["nodeInfo"] = new JsonObject { ["bootID"] = Guid.NewGuid().ToString() },
        };
        using var client = api.CreateClient();
        await client.CoreV1.PatchNodeStatusAsync(
            new k8s.Models.V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
            name, cancellationToken: stop.Token);
    }

    private async Task SyncReadyAsync(string name, bool up, string downReason)
    {
        var node = api.Get("v1", "Node", null, name);
        if (node is null || IsReady(node) == up)
        {
            return; // Deleted through the API, or already as it should be.
        }

        var at = DateTimeOffset.UtcNow;
        Events.Enqueue(new NodeEvent(at, name, up ? "Ready" : "NotReady", []));
        var now = at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var condition = new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = up ? "True" : downReason == "KubeletNotReady" ? "False" : "Unknown",
            ["reason"] = up ? "KubeletReady" : downReason,
            ["lastHeartbeatTime"] = now,
            ["lastTransitionTime"] = now,
        };
        using var client = api.CreateClient();
        await client.CoreV1.PatchNodeStatusAsync(
            new k8s.Models.V1Patch(new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
            name, cancellationToken: stop.Token);
    }
}

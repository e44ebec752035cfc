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
/// brought back by the same invocation.
/// </summary>
public sealed class K3sKubelet : IAsyncDisposable
{
    private readonly InMemoryKubernetes api;
    private readonly Func<IReadOnlyList<SshHost>> hosts;
    private readonly ConcurrentDictionary<string, byte> registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> serversUp = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public K3sKubelet(InMemoryKubernetes api, Func<IReadOnlyList<SshHost>> hosts)
    {
        this.api = api;
        this.hosts = hosts;
        loop = Task.Run(RunAsync);
    }

    public ConcurrentQueue<string> Errors { get; } = new();

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
    }

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var host in hosts())
            {
                try
                {
                    await ScanAsync(host);
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

        var key = $"{host.Id}/{last.Sequence}";
        if (registered.ContainsKey(key))
        {
            // A machine that is switched off (its sshd stopped) is NotReady until it runs again, as with a real kubelet.
            await SyncReadyAsync(name, host.IsRunning);
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
                },
            });
        }

        if (last.Arguments[0] == "server" && last.Flag("--node-ip") is { } ip)
        {
            serversUp[ip] = 0;
        }

        registered[key] = 0;
    }

    private async Task SyncReadyAsync(string name, bool up)
    {
        var node = api.Get("v1", "Node", null, name);
        var ready = node?["status"]?["conditions"]?.AsArray().Any(c => c?["type"]?.GetValue<string>() == "Ready" && c?["status"]?.GetValue<string>() == "True");
        if (ready is null || ready == up)
        {
            return; // Deleted through the API, or already as it should be.
        }

        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var condition = new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = up ? "True" : "Unknown",
            ["reason"] = up ? "KubeletReady" : "NodeStatusUnknown",
            ["lastHeartbeatTime"] = now,
            ["lastTransitionTime"] = now,
        };
        using var client = api.CreateClient();
        await client.CoreV1.PatchNodeStatusAsync(
            new k8s.Models.V1Patch(new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
            name, cancellationToken: stop.Token);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Cloud;
using ShapeBlock.Sdk.Provisioning.Http;

namespace ShapeBlock.Sdk.Provisioning.Hetzner;

/// <summary>
/// A cluster's resources in Hetzner Cloud, all labelled <c>shapeblock.io/cluster=&lt;name&gt;</c>: SSH key, private
/// network, firewall (applied by label selector), a spread placement group for the masters, servers and the API
/// load balancer. Found again by label, so every call is idempotent without a state file.
/// </summary>
internal sealed partial class HetznerCloud(HetznerClient api, string cluster, HetznerProvider provider, IReadOnlyList<string> adminCidrs, string publicKey, ProvisionOptions options) : ICloud
{
    private readonly string selector = $"{Labels.Cluster}={cluster}";
    private long? keyId;
    private long? networkId;
    private long? placementGroupId;

    public string Provider => "hetzner";

    public int MutatingCalls => api.MutatingCalls;

    private JsonObject ClusterLabels => new() { [Labels.Cluster] = cluster };

    public void Dispose() => api.Dispose();

    public async Task<IReadOnlyList<CloudMachine>> ListMachinesAsync(CancellationToken ct)
    {
        var servers = await api.ListAsync("servers", [("label_selector", selector)], ct).ConfigureAwait(false);
        return [.. servers.Select(ToMachine)];
    }

    public async Task EnsureFoundationAsync(CancellationToken ct)
    {
        // Independent of each other: found or created side by side.
        var key = EnsureKeyAsync(ct);
        var network = EnsureNetworkAsync(ct);
        var group = EnsurePlacementGroupAsync(ct);
        await Task.WhenAll(key, network, group, EnsureFirewallAsync(ct)).ConfigureAwait(false);
        (keyId, networkId, placementGroupId) = (await key.ConfigureAwait(false), await network.ConfigureAwait(false), await group.ConfigureAwait(false));
    }

    public async Task<CloudMachine> EnsureMachineAsync(MachineSpec spec, CancellationToken ct)
    {
        var existing = (await api.ListAsync("servers", [("name", spec.Name)], ct).ConfigureAwait(false)).FirstOrDefault();
        JsonNode? createAction = null;
        if (existing is null)
        {
            var labels = ClusterLabels;
            labels[Labels.Role] = spec.Role;
            labels[Labels.Pool] = spec.Pool;
            foreach (var (key, value) in spec.Labels)
            {
                labels[key] = value;
            }

            var body = new JsonObject
            {
                ["name"] = spec.Name,
                ["server_type"] = spec.Size,
                ["image"] = provider.Image,
                ["location"] = provider.Location,
                ["ssh_keys"] = new JsonArray(keyId),
                ["networks"] = new JsonArray(networkId),
                ["labels"] = labels,
                ["start_after_create"] = true,
            };
            if (spec.Role == "master" && placementGroupId is { } group)
            {
                body["placement_group"] = group;
            }

            var created = await api.PostAsync("servers", body, ct).ConfigureAwait(false);
            existing = created!["server"]!.AsObject();
            createAction = created["action"];
        }
        else if (existing["labels"]?[Labels.Cluster]?.GetValue<string>() != cluster)
        {
            throw new ProvisioningException(
                $"A Hetzner server named {spec.Name} exists but does not belong to cluster {cluster} (label {Labels.Cluster}). Fix: rename or delete that server, or choose another cluster name.");
        }

        return await WaitUntilRunningAsync(existing, createAction, createAction is null ? spec.Size : null, ct).ConfigureAwait(false);
    }

    public async Task<string> EnsureApiLoadBalancerAsync(CancellationToken ct)
    {
        var name = $"{cluster}-api";
        var lb = (await api.ListAsync("load_balancers", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault(l => l["name"]?.GetValue<string>() == name);
        if (lb is null)
        {
            var created = await api.PostAsync("load_balancers", new JsonObject
            {
                ["name"] = name,
                ["load_balancer_type"] = "lb11",
                ["location"] = provider.Location,
                ["network"] = networkId,
                ["labels"] = ClusterLabels,
                ["algorithm"] = new JsonObject { ["type"] = "round_robin" },
                ["services"] = new JsonArray(new JsonObject
                {
                    ["protocol"] = "tcp",
                    ["listen_port"] = 6443,
                    ["destination_port"] = 6443,
                    ["health_check"] = new JsonObject { ["protocol"] = "tcp", ["port"] = 6443, ["interval"] = 15, ["timeout"] = 10, ["retries"] = 3 },
                }),
                ["targets"] = new JsonArray(new JsonObject
                {
                    ["type"] = "label_selector",
                    ["label_selector"] = new JsonObject { ["selector"] = $"{selector},{Labels.Role}=master" },
                    ["use_private_ip"] = true,
                }),
            }, ct).ConfigureAwait(false);
            lb = created!["load_balancer"]!.AsObject();
            await api.WaitForActionAsync(created["action"], $"load balancer {name}", options.ActionTimeout, ct).ConfigureAwait(false);
        }

        var id = lb["id"]!.GetValue<long>();
        var deadline = options.Time.GetUtcNow() + options.ServerReadyTimeout;
        while (true)
        {
            if (lb?["public_net"]?["ipv4"]?["ip"]?.GetValue<string>() is { Length: > 0 } ip)
            {
                return ip;
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Hetzner load balancer {name} ({id}) has no public IPv4 after {options.ServerReadyTimeout.TotalSeconds:0} s. Run up again to continue.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            lb = (await api.GetAsync($"load_balancers/{id}", ct).ConfigureAwait(false))?["load_balancer"]?.AsObject();
        }
    }

    public async Task<string?> FindApiLoadBalancerAsync(CancellationToken ct)
    {
        var name = $"{cluster}-api";
        var lb = (await api.ListAsync("load_balancers", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault(l => l["name"]?.GetValue<string>() == name);
        return lb?["public_net"]?["ipv4"]?["ip"]?.GetValue<string>() is { Length: > 0 } ip ? ip : null;
    }

    public async Task<bool> DeleteApiLoadBalancerAsync(CancellationToken ct)
    {
        var name = $"{cluster}-api";
        var lb = (await api.ListAsync("load_balancers", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault(l => l["name"]?.GetValue<string>() == name);
        if (lb is null)
        {
            return false;
        }

        await api.DeleteIfPresentAsync($"load_balancers/{lb["id"]}", ct).ConfigureAwait(false);
        return true;
    }

    public async Task DeleteMachineAsync(CloudMachine machine, CancellationToken ct)
    {
        try
        {
            var answer = await api.DeleteAsync($"servers/{machine.Id}", ct).ConfigureAwait(false);
            await api.WaitForActionAsync(answer?["action"], $"deleting server {machine.Name}", options.ActionTimeout, ct).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.Status is 404 or 423)
        {
            // Already gone, or a delete is already running (an interrupted run): wait for it below.
        }

        var deadline = options.Time.GetUtcNow() + options.ActionTimeout;
        while (await api.ExistsAsync($"servers/{machine.Id}", ct).ConfigureAwait(false))
        {
            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Hetzner server {machine.Name} ({machine.Id}) is still there {options.ActionTimeout.TotalSeconds:0} s after its delete. Run destroy again.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }
    }

    public async Task DestroyAsync(IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        foreach (var lb in await api.ListAsync("load_balancers", [("label_selector", selector)], ct).ConfigureAwait(false))
        {
            await api.DeleteIfPresentAsync($"load_balancers/{lb["id"]}", ct).ConfigureAwait(false);
            progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted load balancer {lb["name"]}"));
        }

        var machines = await ListMachinesAsync(ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(machines, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (machine, token) =>
        {
            await DeleteMachineAsync(machine, token).ConfigureAwait(false);
            progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted server {machine.Name}"));
        }).ConfigureAwait(false);

        foreach (var firewall in await api.ListAsync("firewalls", [("label_selector", selector)], ct).ConfigureAwait(false))
        {
            var id = firewall["id"]!.GetValue<long>();
            var applied = firewall["applied_to"]?.AsArray().OfType<JsonObject>()
                .Select(a => a["type"]?.GetValue<string>() == "label_selector"
                    ? new JsonObject { ["type"] = "label_selector", ["label_selector"] = new JsonObject { ["selector"] = a["label_selector"]?["selector"]?.GetValue<string>() } }
                    : new JsonObject { ["type"] = "server", ["server"] = new JsonObject { ["id"] = a["server"]?["id"]?.GetValue<long>() } })
                .ToList() ?? [];
            if (applied.Count > 0)
            {
                var answer = await api.PostAsync($"firewalls/{id}/actions/remove_from_resources", new JsonObject { ["remove_from"] = new JsonArray([.. applied]) }, ct).ConfigureAwait(false);
                foreach (var action in answer?["actions"]?.AsArray() ?? [])
                {
                    await api.WaitForActionAsync(action, $"detaching firewall {firewall["name"]}", options.ActionTimeout, ct).ConfigureAwait(false);
                }
            }

            await api.DeleteIfPresentAsync($"firewalls/{id}", ct).ConfigureAwait(false);
            progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted firewall {firewall["name"]}"));
        }

        foreach (var resource in new[] { "networks", "placement_groups", "ssh_keys" })
        {
            foreach (var item in await api.ListAsync(resource, [("label_selector", selector)], ct).ConfigureAwait(false))
            {
                await api.DeleteIfPresentAsync($"{resource}/{item["id"]}", ct).ConfigureAwait(false);
                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted {resource.TrimEnd('s').Replace('_', ' ')} {item["name"]}"));
            }
        }
    }

    public async Task<IReadOnlyList<string>> RemainingAsync(CancellationToken ct)
    {
        var left = new List<string>();
        foreach (var resource in new[] { "servers", "load_balancers", "firewalls", "networks", "placement_groups", "ssh_keys" })
        {
            left.AddRange((await api.ListAsync(resource, [("label_selector", selector)], ct).ConfigureAwait(false))
                .Select(i => $"{resource.TrimEnd('s').Replace('_', ' ')} {i["name"]}"));
        }

        return left;
    }

    private async Task<CloudMachine> WaitUntilRunningAsync(JsonObject server, JsonNode? createAction, string? size, CancellationToken ct)
    {
        var id = server["id"]!.GetValue<long>();
        var name = server["name"]!.GetValue<string>();
        var deadline = options.Time.GetUtcNow() + options.ServerReadyTimeout;
        var poweredOn = false;
        while (true)
        {
            var machine = ToMachine(server);
            if (machine.Status == "running" && machine.PublicAddress is not null && machine.PrivateAddress is not null)
            {
                return machine;
            }

            if (createAction?["id"]?.GetValue<long>() is { } actionId)
            {
                var action = (await api.GetAsync($"actions/{actionId}", ct).ConfigureAwait(false))?["action"];
                if (action?["status"]?.GetValue<string>() == "error")
                {
                    throw new ProvisioningException($"Hetzner could not create server {name} ({id}): {action["error"]?["message"]}. Fix: destroy, or delete the server, and run up again.");
                }
            }

            if (machine.Status == "off" && !poweredOn && createAction is null)
            {
                if (size is not null && machine.Size is { } current && current != size)
                {
                    // Off and of another type: a resize was interrupted (or the pool's type changed while it was off).
                    // Change the type now, while nothing runs on it; ResizeMachineAsync starts it again.
                    return await ResizeMachineAsync(machine, size, ct).ConfigureAwait(false);
                }

                // An adopted server that was switched off (an interrupted run or a person): start it again.
                await api.PostAsync($"servers/{id}/actions/poweron", null, ct).ConfigureAwait(false);
                poweredOn = true;
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException(
                    $"Hetzner server {name} ({id}) is still '{machine.Status}' after {options.ServerReadyTimeout.TotalSeconds:0} s (expected 'running' with a public and a private address). " +
                    "Fix: check the server in the Hetzner console; run up again to continue, or destroy to remove it.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            server = (await api.GetAsync($"servers/{id}", ct).ConfigureAwait(false))!["server"]!.AsObject();
        }
    }

    private CloudMachine ToMachine(JsonObject server)
    {
        var labels = server["labels"]?.AsObject();
        var privateNets = server["private_net"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var privateNet = privateNets.FirstOrDefault(p => networkId is null || p["network"]?.GetValue<long>() == networkId) ?? privateNets.FirstOrDefault();
        return new CloudMachine(
            server["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            server["name"]!.GetValue<string>(),
            labels?[Labels.Role]?.GetValue<string>() ?? "worker",
            labels?[Labels.Pool]?.GetValue<string>() ?? "",
            server["status"]?.GetValue<string>() ?? "unknown",
            server["public_net"]?["ipv4"]?["ip"]?.GetValue<string>(),
            privateNet?["ip"]?.GetValue<string>())
        {
            Size = server["server_type"]?["name"]?.GetValue<string>(),
            DiskGb = server["primary_disk_size"]?.GetValue<int>(),
        };
    }


}

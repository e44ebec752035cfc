using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Cloud;
using ShapeBlock.Sdk.Provisioning.Hetzner;
using ShapeBlock.Sdk.Provisioning.Http;

namespace ShapeBlock.Sdk.Provisioning.DigitalOcean;

/// <summary>
/// A cluster's resources on DigitalOcean. Droplets carry tags (labels are not allowed there):
/// <c>shapeblock-cluster:&lt;name&gt;</c>, <c>shapeblock-role:…</c>, <c>shapeblock-pool:…</c>, and masters
/// <c>shapeblock-master:&lt;name&gt;</c> (the API load balancer's target). Keys and VPCs take no tags, so they are
/// found by name (<c>&lt;cluster&gt;-key</c>, <c>&lt;cluster&gt;-network</c>); the firewall applies to the cluster tag.
/// </summary>
internal sealed partial class DigitalOceanCloud(DigitalOceanClient api, string cluster, DigitalOceanProvider provider, IReadOnlyList<string> adminCidrs, string publicKey, ProvisionOptions options) : ICloud
{
    private readonly string clusterTag = $"shapeblock-cluster:{cluster}";
    private readonly string masterTag = $"shapeblock-master:{cluster}";
    private long? keyId;
    private string? vpcId;

    public string Provider => "digitalocean";

    public int MutatingCalls => api.MutatingCalls;

    public void Dispose() => api.Dispose();

    public async Task<IReadOnlyList<CloudMachine>> ListMachinesAsync(CancellationToken ct) =>
        [.. (await api.ListAsync("droplets", "droplets", [("tag_name", clusterTag)], ct).ConfigureAwait(false)).Select(ToMachine)];

    public async Task EnsureFoundationAsync(CancellationToken ct)
    {
        var fingerprint = HetznerCloud.Md5Fingerprint(publicKey);
        var keys = await api.ListAsync("account/keys", "ssh_keys", [], ct).ConfigureAwait(false);
        var key = keys.FirstOrDefault(k => k["fingerprint"]?.GetValue<string>() == fingerprint)
            ?? (await api.PostAsync("account/keys", new JsonObject { ["name"] = $"{cluster}-key", ["public_key"] = publicKey.Trim() }, ct).ConfigureAwait(false))!["ssh_key"]!.AsObject();
        keyId = key["id"]!.GetValue<long>();

        var vpc = (await api.ListAsync("vpcs", "vpcs", [], ct).ConfigureAwait(false)).FirstOrDefault(v => v["name"]?.GetValue<string>() == $"{cluster}-network")
            ?? (await api.PostAsync("vpcs", new JsonObject { ["name"] = $"{cluster}-network", ["region"] = provider.Region, ["ip_range"] = provider.VpcCidr, ["description"] = $"ShapeBlock cluster {cluster}" }, ct).ConfigureAwait(false))!["vpc"]!.AsObject();
        vpcId = vpc["id"]!.GetValue<string>();

        var firewall = (await api.ListAsync("firewalls", "firewalls", [], ct).ConfigureAwait(false)).FirstOrDefault(f => f["name"]?.GetValue<string>() == $"{cluster}-firewall");
        var desired = Firewall();
        if (firewall is null)
        {
            await api.PostAsync("firewalls", desired, ct).ConfigureAwait(false);
        }
        else if (!FirewallRuleSet.Same(firewall, desired))
        {
            // Admin CIDRs (or the VPC range) changed: PUT replaces the whole firewall, so the droplets it was given
            // by id elsewhere are carried over; the cluster's droplets are covered by its tag.
            desired["droplet_ids"] = firewall["droplet_ids"]?.DeepClone() ?? new JsonArray();
            await api.PutAsync($"firewalls/{firewall["id"]}", desired, ct).ConfigureAwait(false);
        }
    }

    public async Task<CloudMachine> EnsureMachineAsync(MachineSpec spec, CancellationToken ct)
    {
        var existing = (await api.ListAsync("droplets", "droplets", [("tag_name", clusterTag)], ct).ConfigureAwait(false)).FirstOrDefault(d => d["name"]?.GetValue<string>() == spec.Name);
        var adopted = existing is not null;
        if (existing is null)
        {
            var tags = new List<string> { clusterTag, $"shapeblock-role:{spec.Role}", $"shapeblock-pool:{spec.Pool}" };
            if (spec.Role == "master")
            {
                tags.Add(masterTag);
            }

            tags.AddRange(spec.Labels.Select(l => $"{l.Key.Replace("shapeblock.io/", "shapeblock-", StringComparison.Ordinal)}:{l.Value}"));
            var created = await api.PostAsync("droplets", new JsonObject
            {
                ["name"] = spec.Name,
                ["region"] = provider.Region,
                ["size"] = spec.Size,
                ["image"] = provider.Image,
                ["ssh_keys"] = new JsonArray(keyId),
                ["vpc_uuid"] = vpcId,
                ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
                ["monitoring"] = true,
            }, ct).ConfigureAwait(false);
            existing = created!["droplet"]!.AsObject();
        }

        var id = existing["id"]!.GetValue<long>();
        var deadline = options.Time.GetUtcNow() + options.ServerReadyTimeout;
        while (true)
        {
            var machine = ToMachine(existing);
            if (machine.Status == "active" && machine.PublicAddress is not null && machine.PrivateAddress is not null)
            {
                return machine;
            }

            if (machine.Status == "off" && adopted && machine.Size is { } current && current != spec.Size)
            {
                // Off and of another size: a resize was interrupted (or the pool's size changed while it was off).
                // Resize now, while nothing runs on it; ResizeMachineAsync starts it again.
                return await ResizeMachineAsync(machine, spec.Size, ct).ConfigureAwait(false);
            }

            if (machine.Status == "off")
            {
                await api.PostAsync($"droplets/{id}/actions", new JsonObject { ["type"] = "power_on" }, ct).ConfigureAwait(false);
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException(
                    $"DigitalOcean droplet {spec.Name} ({id}) is still '{machine.Status}' after {options.ServerReadyTimeout.TotalSeconds:0} s (expected 'active' with a public and a private address). " +
                    "Fix: check the droplet in the DigitalOcean control panel; run up again to continue, or destroy to remove it.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            existing = (await api.GetAsync($"droplets/{id}", ct).ConfigureAwait(false))!["droplet"]!.AsObject();
        }
    }

    public async Task<string> EnsureApiLoadBalancerAsync(CancellationToken ct)
    {
        var name = $"{cluster}-api";
        var lb = (await api.ListAsync("load_balancers", "load_balancers", [], ct).ConfigureAwait(false)).FirstOrDefault(l => l["name"]?.GetValue<string>() == name)
            ?? (await api.PostAsync("load_balancers", new JsonObject
            {
                ["name"] = name,
                ["region"] = provider.Region,
                ["vpc_uuid"] = vpcId,
                ["tag"] = masterTag,
                ["forwarding_rules"] = new JsonArray(new JsonObject { ["entry_protocol"] = "tcp", ["entry_port"] = 6443, ["target_protocol"] = "tcp", ["target_port"] = 6443 }),
                ["health_check"] = new JsonObject { ["protocol"] = "tcp", ["port"] = 6443, ["check_interval_seconds"] = 10, ["response_timeout_seconds"] = 5, ["healthy_threshold"] = 3, ["unhealthy_threshold"] = 3 },
            }, ct).ConfigureAwait(false))!["load_balancer"]!.AsObject();
        var id = lb["id"]!.GetValue<string>();
        var deadline = options.Time.GetUtcNow() + options.ServerReadyTimeout;
        while (lb["status"]?.GetValue<string>() != "active" || lb["ip"]?.GetValue<string>() is not { Length: > 0 })
        {
            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"DigitalOcean load balancer {name} ({id}) is still '{lb["status"]}' after {options.ServerReadyTimeout.TotalSeconds:0} s. Run up again to continue.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            lb = (await api.GetAsync($"load_balancers/{id}", ct).ConfigureAwait(false))!["load_balancer"]!.AsObject();
        }

        return lb["ip"]!.GetValue<string>();
    }

    public async Task<string?> FindApiLoadBalancerAsync(CancellationToken ct)
    {
        var name = $"{cluster}-api";
        var lb = (await api.ListAsync("load_balancers", "load_balancers", [], ct).ConfigureAwait(false)).FirstOrDefault(l => l["name"]?.GetValue<string>() == name);
        return lb?["ip"]?.GetValue<string>() is { Length: > 0 } ip ? ip : null;
    }

    public async Task<bool> DeleteApiLoadBalancerAsync(CancellationToken ct)
    {
        var name = $"{cluster}-api";
        var lb = (await api.ListAsync("load_balancers", "load_balancers", [], ct).ConfigureAwait(false)).FirstOrDefault(l => l["name"]?.GetValue<string>() == name);
        if (lb is null)
        {
            return false;
        }

        await api.DeleteIfPresentAsync($"load_balancers/{lb["id"]}", ct).ConfigureAwait(false);
        return true;
    }

    public async Task DeleteMachineAsync(CloudMachine machine, CancellationToken ct)
    {
        await api.DeleteIfPresentAsync($"droplets/{machine.Id}", ct).ConfigureAwait(false);
        var deadline = options.Time.GetUtcNow() + options.ActionTimeout;
        while (await api.ExistsAsync($"droplets/{machine.Id}", ct).ConfigureAwait(false))
        {
            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"DigitalOcean droplet {machine.Name} ({machine.Id}) is still there {options.ActionTimeout.TotalSeconds:0} s after its delete. Run destroy again.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }
    }

    public async Task DestroyAsync(IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        foreach (var lb in (await api.ListAsync("load_balancers", "load_balancers", [], ct).ConfigureAwait(false)).Where(Owned))
        {
            await api.DeleteIfPresentAsync($"load_balancers/{lb["id"]}", ct).ConfigureAwait(false);
            progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted load balancer {lb["name"]}"));
        }

        var machines = await ListMachinesAsync(ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(machines, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (machine, token) =>
        {
            await DeleteMachineAsync(machine, token).ConfigureAwait(false);
            progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted droplet {machine.Name}"));
        }).ConfigureAwait(false);

        foreach (var (path, property) in new[] { ("firewalls", "firewalls"), ("vpcs", "vpcs"), ("account/keys", "ssh_keys") })
        {
            foreach (var item in (await api.ListAsync(path, property, [], ct).ConfigureAwait(false)).Where(Owned))
            {
                await api.DeleteIfPresentAsync($"{path}/{item["id"]}", ct).ConfigureAwait(false);
                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"deleted {property.TrimEnd('s').Replace('_', ' ')} {item["name"]}"));
            }
        }

        foreach (var tag in new[] { masterTag, clusterTag })
        {
            await api.DeleteIfPresentAsync($"tags/{Uri.EscapeDataString(tag)}", ct).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> RemainingAsync(CancellationToken ct)
    {
        var left = new List<string>();
        left.AddRange((await ListMachinesAsync(ct).ConfigureAwait(false)).Select(m => $"droplet {m.Name}"));
        foreach (var (path, property) in new[] { ("load_balancers", "load_balancers"), ("firewalls", "firewalls"), ("vpcs", "vpcs"), ("account/keys", "ssh_keys") })
        {
            left.AddRange((await api.ListAsync(path, property, [], ct).ConfigureAwait(false)).Where(Owned).Select(i => $"{property.TrimEnd('s').Replace('_', ' ')} {i["name"]}"));
        }

        return left;
    }

    private bool Owned(JsonObject item) =>
        item["name"]?.GetValue<string>() is { } name && (name == $"{cluster}-key" || name == $"{cluster}-network" || name == $"{cluster}-firewall" || name == $"{cluster}-api");

    private JsonObject Firewall()
    {
        JsonObject Inbound(string protocol, string? ports, IEnumerable<string> addresses, bool clusterToo = false)
        {
            var sources = new JsonObject { ["addresses"] = new JsonArray([.. addresses.Select(a => (JsonNode)a)]) };
            if (clusterToo)
            {
                sources["tags"] = new JsonArray(clusterTag);
            }

            var rule = new JsonObject { ["protocol"] = protocol, ["sources"] = sources };
            if (ports is not null)
            {
                rule["ports"] = ports;
            }

            return rule;
        }

        var anywhere = Validation.Cidr.Anywhere;
        string[] network = [provider.VpcCidr];
        JsonObject Outbound(string protocol, string? ports)
        {
            var rule = new JsonObject { ["protocol"] = protocol, ["destinations"] = new JsonObject { ["addresses"] = new JsonArray([.. anywhere.Select(a => (JsonNode)a)]) } };
            if (ports is not null)
            {
                rule["ports"] = ports;
            }

            return rule;
        }

        return new JsonObject
        {
            ["name"] = $"{cluster}-firewall",
            ["tags"] = new JsonArray(clusterTag),
            ["inbound_rules"] = new JsonArray(
                Inbound("tcp", "22", adminCidrs),
                Inbound("tcp", "6443", adminCidrs),
                Inbound("tcp", "80", anywhere),
                Inbound("tcp", "443", anywhere),
                Inbound("tcp", "1-65535", network, clusterToo: true),
                Inbound("udp", "1-65535", network, clusterToo: true),
                Inbound("icmp", null, network, clusterToo: true)),
            ["outbound_rules"] = new JsonArray(Outbound("tcp", "1-65535"), Outbound("udp", "1-65535"), Outbound("icmp", null)),
        };
    }

    private static CloudMachine ToMachine(JsonObject droplet)
    {
        var tags = droplet["tags"]?.AsArray().Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];
        string? Tag(string prefix) => tags.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        var v4 = droplet["networks"]?["v4"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        string? Address(string type) => v4.FirstOrDefault(n => n["type"]?.GetValue<string>() == type)?["ip_address"]?.GetValue<string>();
        return new CloudMachine(
            droplet["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            droplet["name"]!.GetValue<string>(),
            Tag("shapeblock-role:") ?? "worker",
            Tag("shapeblock-pool:") ?? "",
            droplet["status"]?.GetValue<string>() ?? "unknown",
            Address("public"),
            Address("private"))
        {
            Size = droplet["size_slug"]?.GetValue<string>(),
            DiskGb = droplet["disk"]?.GetValue<int>(),
        };
    }
}

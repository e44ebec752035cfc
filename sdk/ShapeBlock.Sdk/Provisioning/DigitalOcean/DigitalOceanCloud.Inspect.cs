using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Cloud;
using ShapeBlock.Sdk.Provisioning.Hetzner;

namespace ShapeBlock.Sdk.Provisioning.DigitalOcean;

/// <summary>Read-only inspection: what exists of the cluster, found the way <see cref="EnsureFoundationAsync"/> finds it (tags and names).</summary>
internal sealed partial class DigitalOceanCloud : ICloudInspector
{
    public async Task<CloudInventory> InspectAsync(CancellationToken ct)
    {
        var machines = ListMachinesAsync(ct);
        var keys = api.ListAsync("account/keys", "ssh_keys", [], ct);
        var vpcs = api.ListAsync("vpcs", "vpcs", [], ct);
        var firewalls = api.ListAsync("firewalls", "firewalls", [], ct);
        var balancers = api.ListAsync("load_balancers", "load_balancers", [], ct);
        await Task.WhenAll(machines, keys, vpcs, firewalls, balancers).ConfigureAwait(false);

        var resources = new List<InspectedResource>();
        var fingerprint = publicKey.Length > 0 ? HetznerCloud.Md5Fingerprint(publicKey) : null;
        if ((await keys.ConfigureAwait(false)).Any(k => (fingerprint is not null && k["fingerprint"]?.GetValue<string>() == fingerprint) || k["name"]?.GetValue<string>() == $"{cluster}-key"))
        {
            resources.Add(new InspectedResource("ssh_key", $"{cluster}-key", []));
        }

        if ((await vpcs.ConfigureAwait(false)).Any(v => v["name"]?.GetValue<string>() == $"{cluster}-network"))
        {
            resources.Add(new InspectedResource("vpc", $"{cluster}-network", []));
        }

        if ((await firewalls.ConfigureAwait(false)).FirstOrDefault(f => f["name"]?.GetValue<string>() == $"{cluster}-firewall") is { } firewall)
        {
            resources.Add(new InspectedResource("firewall", $"{cluster}-firewall", InboundChanges(firewall["inbound_rules"], Firewall()["inbound_rules"])));
        }

        if ((await balancers.ConfigureAwait(false)).Any(l => l["name"]?.GetValue<string>() == $"{cluster}-api"))
        {
            resources.Add(new InspectedResource("load_balancer", $"{cluster}-api", []));
        }

        return new CloudInventory(Provider, await machines.ConfigureAwait(false), resources);
    }

    /// <summary>Inbound rules compared by protocol and ports; the source addresses (admin CIDRs) as a set.</summary>
    private static List<InspectedChange> InboundChanges(JsonNode? live, JsonNode? desired)
    {
        static string Id(JsonObject rule) =>
            $"{rule["protocol"]?.GetValue<string>()}{(rule["ports"]?.GetValue<string>() is { Length: > 0 } ports and not "0" and not "all" ? " " + ports : "")}";
        static string Sources(JsonObject rule) =>
            string.Join(", ", (rule["sources"]?["addresses"]?.AsArray() ?? []).Select(a => a?.GetValue<string>() ?? "").Order(StringComparer.Ordinal));

        var have = live?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var want = desired?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var changes = new List<InspectedChange>();
        foreach (var rule in want)
        {
            var match = have.FirstOrDefault(h => Id(h) == Id(rule));
            if (match is null)
            {
                changes.Add(new InspectedChange($"inbound_rules[{Id(rule)}]", null, Sources(rule)));
            }
            else if (Sources(match) != Sources(rule))
            {
                changes.Add(new InspectedChange($"inbound_rules[{Id(rule)}].sources.addresses", Sources(match), Sources(rule)));
            }
        }

        changes.AddRange(have.Where(h => want.All(w => Id(w) != Id(h))).Select(h => new InspectedChange($"inbound_rules[{Id(h)}]", Sources(h), null)));
        return changes;
    }
}

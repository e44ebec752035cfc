using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Cloud;

namespace ShapeBlock.Sdk.Provisioning.Hetzner;

/// <summary>Read-only inspection: what exists of the cluster, found the way <see cref="EnsureFoundationAsync"/> finds it.</summary>
internal sealed partial class HetznerCloud : ICloudInspector
{
    public async Task<CloudInventory> InspectAsync(CancellationToken ct)
    {
        var machines = ListMachinesAsync(ct);
        var keys = api.ListAsync("ssh_keys", [("label_selector", selector)], ct);
        var networks = api.ListAsync("networks", [("label_selector", selector)], ct);
        var firewalls = api.ListAsync("firewalls", [("label_selector", selector)], ct);
        var balancers = api.ListAsync("load_balancers", [("label_selector", selector)], ct);
        await Task.WhenAll(machines, keys, networks, firewalls, balancers).ConfigureAwait(false);

        var resources = new List<InspectedResource>();
        var key = (await keys.ConfigureAwait(false)).FirstOrDefault();
        if (key is null && publicKey.Length > 0)
        {
            // Provisioning reuses a key the account already has (unlabelled): that one counts as present.
            key = (await api.ListAsync("ssh_keys", [("fingerprint", Md5Fingerprint(publicKey))], ct).ConfigureAwait(false)).FirstOrDefault();
        }

        if (key is not null)
        {
            resources.Add(new InspectedResource("ssh_key", $"{cluster}-key", []));
        }

        if ((await networks.ConfigureAwait(false)).Count > 0)
        {
            resources.Add(new InspectedResource("network", $"{cluster}-network", []));
        }

        if ((await firewalls.ConfigureAwait(false)).FirstOrDefault() is { } firewall)
        {
            resources.Add(new InspectedResource("firewall", $"{cluster}-firewall", RuleChanges(firewall["rules"], FirewallRules())));
        }

        if ((await balancers.ConfigureAwait(false)).Any(l => l["name"]?.GetValue<string>() == $"{cluster}-api"))
        {
            resources.Add(new InspectedResource("load_balancer", $"{cluster}-api", []));
        }

        return new CloudInventory(Provider, await machines.ConfigureAwait(false), resources);
    }

    /// <summary>The rules as <see cref="EnsureFirewallAsync"/> compares them, reported per rule (protocol and port).</summary>
    private static List<InspectedChange> RuleChanges(JsonNode? live, JsonArray desired)
    {
        var have = Canonical(live).AsArray().OfType<JsonObject>().ToList();
        var want = Canonical(desired).AsArray().OfType<JsonObject>().ToList();
        if (JsonNode.DeepEquals(new JsonArray([.. have.Select(h => h.DeepClone())]), new JsonArray([.. want.Select(w => w.DeepClone())])))
        {
            return [];
        }

        static string Id(JsonObject rule) => $"{rule["direction"]} {rule["protocol"]}{(rule["port"] is { } port ? " " + port : "")}";
        var changes = new List<InspectedChange>();
        foreach (var rule in want)
        {
            var match = have.FirstOrDefault(h => Id(h) == Id(rule));
            if (match is null)
            {
                changes.Add(new InspectedChange($"rules[{Id(rule)}]", null, rule["source_ips"]?.ToJsonString()));
            }
            else if (!JsonNode.DeepEquals(match["source_ips"], rule["source_ips"]))
            {
                changes.Add(new InspectedChange($"rules[{Id(rule)}].source_ips", match["source_ips"]?.ToJsonString(), rule["source_ips"]?.ToJsonString()));
            }
        }

        changes.AddRange(have.Where(h => want.All(w => Id(w) != Id(h))).Select(h => new InspectedChange($"rules[{Id(h)}]", h["source_ips"]?.ToJsonString(), null)));
        return changes.Count > 0 ? changes : [new InspectedChange("rules", "(other order)", "(as planned)")];
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Api;

namespace ShapeBlock.Sdk.Provisioning.Hetzner;

/// <summary>The cluster's shared resources: SSH key, private network, firewall and the masters' placement group.</summary>
internal sealed partial class HetznerCloud
{
    /// <summary>Hetzner's SSH key fingerprint: MD5 of the key blob, colon-separated hex.</summary>
    internal static string Md5Fingerprint(string publicKey)
    {
        var parts = publicKey.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new ProvisioningException("The SSH public key file does not hold an OpenSSH public key (\"ssh-ed25519 AAAA… comment\"). Fix: point SshPublicKeyFile at a .pub file.");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            throw new ProvisioningException("The SSH public key file does not hold a valid OpenSSH public key. Fix: point SshPublicKeyFile at a .pub file.");
        }

#pragma warning disable CA5351 // MD5 is how Hetzner names key fingerprints, not a security control.
        var hash = System.Security.Cryptography.MD5.HashData(blob);
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private async Task<long> EnsureKeyAsync(CancellationToken ct)
    {
        var labelled = (await api.ListAsync("ssh_keys", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault();
        if (labelled is not null)
        {
            return labelled["id"]!.GetValue<long>();
        }

        // Hetzner refuses the same public key twice: reuse one the account already has (and leave it on destroy).
        var fingerprint = Md5Fingerprint(publicKey);
        var known = (await api.ListAsync("ssh_keys", [("fingerprint", fingerprint)], ct).ConfigureAwait(false)).FirstOrDefault();
        if (known is not null)
        {
            return known["id"]!.GetValue<long>();
        }

        var created = await api.PostAsync("ssh_keys", new JsonObject { ["name"] = $"{cluster}-key", ["public_key"] = publicKey.Trim(), ["labels"] = ClusterLabels }, ct).ConfigureAwait(false);
        return created!["ssh_key"]!["id"]!.GetValue<long>();
    }

    private async Task<long> EnsureNetworkAsync(CancellationToken ct)
    {
        var existing = (await api.ListAsync("networks", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault();
        if (existing is not null)
        {
            return existing["id"]!.GetValue<long>();
        }

        var created = await api.PostAsync("networks", new JsonObject
        {
            ["name"] = $"{cluster}-network",
            ["ip_range"] = provider.NetworkCidr,
            ["subnets"] = new JsonArray(new JsonObject { ["type"] = "cloud", ["network_zone"] = provider.NetworkZone, ["ip_range"] = provider.NetworkCidr }),
            ["labels"] = ClusterLabels,
        }, ct).ConfigureAwait(false);
        return created!["network"]!["id"]!.GetValue<long>();
    }

    private async Task EnsureFirewallAsync(CancellationToken ct)
    {
        var rules = FirewallRules();
        var existing = (await api.ListAsync("firewalls", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault();
        if (existing is not null)
        {
            // Admin CIDRs may have changed; rules are replaced only when they differ.
            if (!JsonNode.DeepEquals(Canonical(existing["rules"]), Canonical(rules)))
            {
                var answer = await api.PostAsync($"firewalls/{existing["id"]}/actions/set_rules", new JsonObject { ["rules"] = rules }, ct).ConfigureAwait(false);
                foreach (var action in answer?["actions"]?.AsArray() ?? [])
                {
                    await api.WaitForActionAsync(action, $"firewall {cluster}-firewall rules", options.ActionTimeout, ct).ConfigureAwait(false);
                }
            }

            return;
        }

        var created = await api.PostAsync("firewalls", new JsonObject
        {
            ["name"] = $"{cluster}-firewall",
            ["labels"] = ClusterLabels,
            ["rules"] = rules,
            ["apply_to"] = new JsonArray(new JsonObject { ["type"] = "label_selector", ["label_selector"] = new JsonObject { ["selector"] = selector } }),
        }, ct).ConfigureAwait(false);
        foreach (var action in created?["actions"]?.AsArray() ?? [])
        {
            await api.WaitForActionAsync(action, $"firewall {cluster}-firewall", options.ActionTimeout, ct).ConfigureAwait(false);
        }
    }

    private JsonArray FirewallRules()
    {
        JsonObject Rule(string protocol, string? port, IEnumerable<string> sources, string description)
        {
            var rule = new JsonObject { ["direction"] = "in", ["protocol"] = protocol, ["source_ips"] = new JsonArray([.. sources.Select(s => (JsonNode)s)]), ["description"] = description };
            if (port is not null)
            {
                rule["port"] = port;
            }

            return rule;
        }

        var anywhere = Validation.Cidr.Anywhere;
        string[] network = [provider.NetworkCidr];
        return
        [
            Rule("tcp", "22", adminCidrs, "SSH"),
            Rule("tcp", "6443", adminCidrs, "Kubernetes API"),
            Rule("tcp", "80", anywhere, "HTTP"),
            Rule("tcp", "443", anywhere, "HTTPS"),
            Rule("tcp", "1-65535", network, "private network (tcp)"),
            Rule("udp", "1-65535", network, "private network (udp)"),
            Rule("icmp", null, network, "private network (icmp)"),
        ];
    }

    private static JsonNode Canonical(JsonNode? rules) => new JsonArray([.. (rules?.AsArray().OfType<JsonObject>() ?? []).Select(r => (JsonNode)new JsonObject
    {
        ["direction"] = r["direction"]?.DeepClone(),
        ["protocol"] = r["protocol"]?.DeepClone(),
        ["port"] = r["port"]?.DeepClone(),
        ["source_ips"] = r["source_ips"]?.DeepClone() ?? new JsonArray(),
    })]);

    private async Task<long> EnsurePlacementGroupAsync(CancellationToken ct)
    {
        var existing = (await api.ListAsync("placement_groups", [("label_selector", selector)], ct).ConfigureAwait(false)).FirstOrDefault();
        if (existing is not null)
        {
            return existing["id"]!.GetValue<long>();
        }

        // Spread keeps the masters on different hosts; it holds at most 10 servers, so workers stay out of it.
        var created = await api.PostAsync("placement_groups", new JsonObject { ["name"] = $"{cluster}-masters", ["type"] = "spread", ["labels"] = ClusterLabels }, ct).ConfigureAwait(false);
        return created!["placement_group"]!["id"]!.GetValue<long>();
    }
}

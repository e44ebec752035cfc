using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Provisioning.DigitalOcean;

/// <summary>
/// Compares a DigitalOcean firewall as the API returns it with the one a cluster declares: rules as a set (order,
/// spelling of "all ports" and empty lists the API adds do not count), plus the tags it applies to.
/// </summary>
internal static class FirewallRuleSet
{
    /// <summary>True when the existing firewall already has the desired rules and tags.</summary>
    public static bool Same(JsonObject existing, JsonObject desired) =>
        Rules(existing, "inbound_rules", "sources").SetEquals(Rules(desired, "inbound_rules", "sources"))
        && Rules(existing, "outbound_rules", "destinations").SetEquals(Rules(desired, "outbound_rules", "destinations"))
        && Strings(existing["tags"]).SequenceEqual(Strings(desired["tags"]), StringComparer.Ordinal);

    private static HashSet<string> Rules(JsonObject firewall, string property, string targets) =>
        [.. (firewall[property]?.AsArray().OfType<JsonObject>() ?? []).Select(rule =>
        {
            var protocol = rule["protocol"]?.GetValue<string>() ?? "";
            // icmp has no ports; "all", "0" and the full range are the same thing for tcp/udp.
            var ports = protocol == "icmp" ? "" : rule["ports"]?.GetValue<string>() switch
            {
                null or "" or "0" or "all" or "1-65535" => "all",
                var p => p,
            };
            var target = rule[targets];
            return string.Join('|', protocol, ports,
                string.Join(',', Strings(target?["addresses"])),
                string.Join(',', Strings(target?["tags"])),
                string.Join(',', Strings(target?["load_balancer_uids"])),
                string.Join(',', Strings(target?["kubernetes_ids"])));
        })];

    private static List<string> Strings(JsonNode? list) =>
        [.. (list as JsonArray ?? []).Select(n => n?.ToString() ?? "").Order(StringComparer.Ordinal)];
}

using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>A cloud firewall. Status is <c>waiting</c> for a moment after each change, then <c>succeeded</c>.</summary>
/// <param name="Id">UUID.</param>
/// <param name="Name">Name.</param>
/// <param name="Status"><c>waiting</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="InboundRules">Inbound rules.</param>
/// <param name="OutboundRules">Outbound rules.</param>
/// <param name="CreatedAt">ISO 8601 creation time.</param>
/// <param name="DropletIds">Droplets it applies to.</param>
/// <param name="Tags">Tags it applies to.</param>
/// <param name="PendingChanges">Pending changes (always empty).</param>
public sealed record Firewall(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("inbound_rules")] IReadOnlyList<InboundRule> InboundRules,
    [property: JsonPropertyName("outbound_rules")] IReadOnlyList<OutboundRule> OutboundRules,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("droplet_ids")] IReadOnlyList<long> DropletIds,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("pending_changes")] IReadOnlyList<object> PendingChanges);

/// <summary>An inbound rule.</summary>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c> or <c>icmp</c>.</param>
/// <param name="Ports"><c>22</c>, <c>8000-9000</c>, <c>all</c> (null for icmp).</param>
/// <param name="Sources">Where traffic may come from.</param>
public sealed record InboundRule(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("ports")] string? Ports,
    [property: JsonPropertyName("sources")] FirewallTargets Sources);

/// <summary>An outbound rule.</summary>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c> or <c>icmp</c>.</param>
/// <param name="Ports"><c>22</c>, <c>8000-9000</c>, <c>all</c> (null for icmp).</param>
/// <param name="Destinations">Where traffic may go.</param>
public sealed record OutboundRule(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("ports")] string? Ports,
    [property: JsonPropertyName("destinations")] FirewallTargets Destinations);

/// <summary>Sources or destinations of a rule.</summary>
/// <param name="Addresses">CIDRs.</param>
/// <param name="Tags">Tags.</param>
/// <param name="DropletIds">Droplet ids.</param>
/// <param name="LoadBalancerUids">Load balancer ids.</param>
public sealed record FirewallTargets(
    [property: JsonPropertyName("addresses")] IReadOnlyList<string>? Addresses,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("droplet_ids")] IReadOnlyList<long>? DropletIds,
    [property: JsonPropertyName("load_balancer_uids")] IReadOnlyList<string>? LoadBalancerUids);

using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A Hetzner firewall.</summary>
/// <param name="Id">Firewall id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Created">ISO 8601 creation time.</param>
/// <param name="Rules">Rules.</param>
/// <param name="AppliedTo">Servers and label selectors it applies to.</param>
public sealed record Firewall(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("rules")] IReadOnlyList<FirewallRule> Rules,
    [property: JsonPropertyName("applied_to")] IReadOnlyList<FirewallResource> AppliedTo);

/// <summary>A firewall rule.</summary>
/// <param name="Direction"><c>in</c> or <c>out</c>.</param>
/// <param name="SourceIps">Source CIDRs (direction <c>in</c>).</param>
/// <param name="DestinationIps">Destination CIDRs (direction <c>out</c>).</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>esp</c>, <c>gre</c>.</param>
/// <param name="Port">Port or range (<c>80</c>, <c>30000-32767</c>, <c>any</c>); null for icmp/esp/gre.</param>
/// <param name="Description">Description.</param>
public sealed record FirewallRule(
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("source_ips")] IReadOnlyList<string>? SourceIps,
    [property: JsonPropertyName("destination_ips")] IReadOnlyList<string>? DestinationIps,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("port")] string? Port,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>What a firewall applies to: a server or a label selector (with the servers it matches).</summary>
/// <param name="Type"><c>server</c> or <c>label_selector</c>.</param>
public sealed record FirewallResource([property: JsonPropertyName("type")] string Type)
{
    /// <summary>The server, for type <c>server</c>.</summary>
    [JsonPropertyName("server")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdReference? Server { get; init; }

    /// <summary>The selector, for type <c>label_selector</c>.</summary>
    [JsonPropertyName("label_selector")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SelectorReference? LabelSelector { get; init; }

    /// <summary>For label selectors in answers: the servers currently matched.</summary>
    [JsonPropertyName("applied_to_resources")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FirewallResource>? AppliedToResources { get; init; }
}

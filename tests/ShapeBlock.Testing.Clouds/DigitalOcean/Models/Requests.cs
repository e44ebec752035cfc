using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

// Request bodies as the real API accepts them; unknown fields are ignored, wrong types are 400 bad_request.
internal sealed record KeyRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("public_key")] string? PublicKey);

internal sealed record VpcRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("ip_range")] string? IpRange);

internal sealed record FirewallRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("inbound_rules")] List<InboundRule>? InboundRules,
    [property: JsonPropertyName("outbound_rules")] List<OutboundRule>? OutboundRules,
    [property: JsonPropertyName("droplet_ids")] List<long>? DropletIds,
    [property: JsonPropertyName("tags")] List<string>? Tags);

internal sealed record DropletCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("names")] List<string>? Names,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("size")] string? Size,
    [property: JsonPropertyName("image")] JsonElement? Image,
    [property: JsonPropertyName("ssh_keys")] List<JsonElement>? SshKeys,
    [property: JsonPropertyName("tags")] List<string>? Tags,
    [property: JsonPropertyName("vpc_uuid")] string? VpcUuid,
    [property: JsonPropertyName("user_data")] string? UserData,
    [property: JsonPropertyName("ipv6")] bool? Ipv6,
    [property: JsonPropertyName("monitoring")] bool? Monitoring);

internal sealed record DropletActionRequest([property: JsonPropertyName("type")] string? Type)
{
    /// <summary><c>resize</c>: the new size slug.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary><c>resize</c>: also grow the disk (permanent: the droplet can then never go back to a smaller disk).</summary>
    [JsonPropertyName("disk")]
    public bool? Disk { get; init; }
}

internal sealed record LoadBalancerRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("size_unit")] int? SizeUnit,
    [property: JsonPropertyName("algorithm")] string? Algorithm,
    [property: JsonPropertyName("forwarding_rules")] List<ForwardingRule>? ForwardingRules,
    [property: JsonPropertyName("health_check")] LbHealthCheck? HealthCheck,
    [property: JsonPropertyName("droplet_ids")] List<long>? DropletIds,
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("vpc_uuid")] string? VpcUuid,
    [property: JsonPropertyName("enable_proxy_protocol")] bool? EnableProxyProtocol);

/// <summary>Bodies of the sub-resource calls (<c>/droplets</c>, <c>/tags</c>, <c>/rules</c>, <c>/forwarding_rules</c>, <c>/resources</c>).</summary>
internal sealed record MembersRequest(
    [property: JsonPropertyName("droplet_ids")] List<long>? DropletIds,
    [property: JsonPropertyName("tags")] List<string>? Tags,
    [property: JsonPropertyName("inbound_rules")] List<InboundRule>? InboundRules,
    [property: JsonPropertyName("outbound_rules")] List<OutboundRule>? OutboundRules,
    [property: JsonPropertyName("forwarding_rules")] List<ForwardingRule>? ForwardingRules,
    [property: JsonPropertyName("resources")] List<TagResource>? Resources);

internal sealed record TagResource(
    [property: JsonPropertyName("resource_id")] string? ResourceId,
    [property: JsonPropertyName("resource_type")] string? ResourceType);

internal sealed record TagRequest([property: JsonPropertyName("name")] string? Name);

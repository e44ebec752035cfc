using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A Hetzner private network.</summary>
/// <param name="Id">Network id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="IpRange">RFC 1918 range spanning all subnets.</param>
/// <param name="Subnets">Subnets.</param>
/// <param name="Routes">Routes.</param>
/// <param name="Servers">Ids of attached servers.</param>
/// <param name="LoadBalancers">Ids of attached load balancers.</param>
/// <param name="Protection">Delete protection.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Created">ISO 8601 creation time.</param>
/// <param name="ExposeRoutesToVswitch">vSwitch route export.</param>
public sealed record Network(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ip_range")] string IpRange,
    [property: JsonPropertyName("subnets")] IReadOnlyList<Subnet> Subnets,
    [property: JsonPropertyName("routes")] IReadOnlyList<Route> Routes,
    [property: JsonPropertyName("servers")] IReadOnlyList<long> Servers,
    [property: JsonPropertyName("load_balancers")] IReadOnlyList<long> LoadBalancers,
    [property: JsonPropertyName("protection")] Protection Protection,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("expose_routes_to_vswitch")] bool ExposeRoutesToVswitch);

/// <summary>A subnet of a network (also the body of <c>actions/add_subnet</c>).</summary>
/// <param name="Type"><c>cloud</c>, <c>server</c> or <c>vswitch</c>.</param>
/// <param name="IpRange">The subnet range, inside the network's range.</param>
/// <param name="NetworkZone">e.g. <c>eu-central</c>.</param>
/// <param name="Gateway">The gateway (first address of the network range); null in requests.</param>
/// <param name="VswitchId">vSwitch id for <c>vswitch</c> subnets.</param>
public sealed record Subnet(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ip_range")] string? IpRange,
    [property: JsonPropertyName("network_zone")] string NetworkZone,
    [property: JsonPropertyName("gateway")] string? Gateway,
    [property: JsonPropertyName("vswitch_id")] long? VswitchId);

/// <summary>A network route.</summary>
/// <param name="Destination">Destination range.</param>
/// <param name="Gateway">Gateway address.</param>
public sealed record Route(
    [property: JsonPropertyName("destination")] string Destination,
    [property: JsonPropertyName("gateway")] string Gateway);

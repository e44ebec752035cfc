using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A Hetzner load balancer.</summary>
/// <param name="Id">Load balancer id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="PublicNet">Public interface.</param>
/// <param name="PrivateNet">Private network attachments.</param>
/// <param name="Location">Location.</param>
/// <param name="LoadBalancerType">Type.</param>
/// <param name="Protection">Delete protection.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Targets">Targets.</param>
/// <param name="Services">Services (listeners).</param>
/// <param name="Algorithm">Balancing algorithm.</param>
/// <param name="Created">ISO 8601 creation time.</param>
public sealed record LoadBalancer(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("public_net")] LoadBalancerPublicNet PublicNet,
    [property: JsonPropertyName("private_net")] IReadOnlyList<LoadBalancerPrivateNet> PrivateNet,
    [property: JsonPropertyName("location")] Location Location,
    [property: JsonPropertyName("load_balancer_type")] LoadBalancerType LoadBalancerType,
    [property: JsonPropertyName("protection")] Protection Protection,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("targets")] IReadOnlyList<LoadBalancerTarget> Targets,
    [property: JsonPropertyName("services")] IReadOnlyList<LoadBalancerService> Services,
    [property: JsonPropertyName("algorithm")] LoadBalancerAlgorithm Algorithm,
    [property: JsonPropertyName("created")] string Created)
{
    /// <summary>Traffic included per month, bytes.</summary>
    [JsonPropertyName("included_traffic")]
    public long IncludedTraffic { get; init; } = 21_990_232_555_520;

    /// <summary>Outgoing traffic, bytes.</summary>
    [JsonPropertyName("outgoing_traffic")]
    public long? OutgoingTraffic { get; init; }

    /// <summary>Incoming traffic, bytes.</summary>
    [JsonPropertyName("ingoing_traffic")]
    public long? IngoingTraffic { get; init; }
}

/// <summary>Public interface of a load balancer.</summary>
/// <param name="Enabled">Whether public.</param>
/// <param name="Ipv4">IPv4 (from TEST-NET-3, 203.0.113.0/24).</param>
/// <param name="Ipv6">IPv6.</param>
public sealed record LoadBalancerPublicNet(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("ipv4")] LoadBalancerAddress Ipv4,
    [property: JsonPropertyName("ipv6")] LoadBalancerAddress Ipv6);

/// <summary>A load balancer address.</summary>
/// <param name="Ip">The address.</param>
/// <param name="DnsPtr">Reverse DNS.</param>
public sealed record LoadBalancerAddress(
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("dns_ptr")] string? DnsPtr);

/// <summary>A load balancer's private network attachment.</summary>
/// <param name="Network">Network id.</param>
/// <param name="Ip">Private address.</param>
public sealed record LoadBalancerPrivateNet(
    [property: JsonPropertyName("network")] long Network,
    [property: JsonPropertyName("ip")] string Ip);

/// <summary>The balancing algorithm.</summary>
/// <param name="Type"><c>round_robin</c> or <c>least_connections</c>.</param>
public sealed record LoadBalancerAlgorithm([property: JsonPropertyName("type")] string Type);

/// <summary>A load balancer target: a server, a label selector or an IP.</summary>
/// <param name="Type"><c>server</c>, <c>label_selector</c> or <c>ip</c>.</param>
/// <param name="UsePrivateIp">Reach the target over the private network.</param>
public sealed record LoadBalancerTarget(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("use_private_ip")] bool UsePrivateIp)
{
    /// <summary>The server, for type <c>server</c>.</summary>
    [JsonPropertyName("server")]
    public IdReference? Server { get; init; }

    /// <summary>The selector, for type <c>label_selector</c>.</summary>
    [JsonPropertyName("label_selector")]
    public SelectorReference? LabelSelector { get; init; }

    /// <summary>The address, for type <c>ip</c>.</summary>
    [JsonPropertyName("ip")]
    public IpReference? Ip { get; init; }

    /// <summary>Health per service (<c>healthy</c> when the server is running, else <c>unknown</c>).</summary>
    [JsonPropertyName("health_status")]
    public IReadOnlyList<TargetHealth> HealthStatus { get; init; } = [];

    /// <summary>For label selectors: the servers currently matched.</summary>
    [JsonPropertyName("targets")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LoadBalancerTarget>? Targets { get; init; }
}

/// <summary>An address reference (<c>{"ip": "…"}</c>).</summary>
/// <param name="Ip">The address.</param>
public sealed record IpReference([property: JsonPropertyName("ip")] string Ip);

/// <summary>Health of a target for one service.</summary>
/// <param name="ListenPort">The service's listen port.</param>
/// <param name="Status"><c>healthy</c>, <c>unhealthy</c> or <c>unknown</c>.</param>
public sealed record TargetHealth(
    [property: JsonPropertyName("listen_port")] int ListenPort,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A load balancer service (listener).</summary>
/// <param name="Protocol"><c>tcp</c>, <c>http</c> or <c>https</c>.</param>
/// <param name="ListenPort">Port the load balancer listens on.</param>
/// <param name="DestinationPort">Port on the targets.</param>
/// <param name="Proxyprotocol">PROXY protocol.</param>
/// <param name="HealthCheck">Health check.</param>
public sealed record LoadBalancerService(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("listen_port")] int ListenPort,
    [property: JsonPropertyName("destination_port")] int DestinationPort,
    [property: JsonPropertyName("proxyprotocol")] bool Proxyprotocol,
    [property: JsonPropertyName("health_check")] HealthCheck HealthCheck)
{
    /// <summary>HTTP settings (null for tcp).</summary>
    [JsonPropertyName("http")]
    public object? Http { get; init; }
}

/// <summary>A service health check.</summary>
/// <param name="Protocol"><c>tcp</c> or <c>http</c>.</param>
/// <param name="Port">Port checked.</param>
/// <param name="Interval">Seconds between checks.</param>
/// <param name="Timeout">Seconds per check.</param>
/// <param name="Retries">Failures before unhealthy.</param>
public sealed record HealthCheck(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("interval")] int Interval,
    [property: JsonPropertyName("timeout")] int Timeout,
    [property: JsonPropertyName("retries")] int Retries)
{
    /// <summary>HTTP check settings (null for tcp).</summary>
    [JsonPropertyName("http")]
    public object? Http { get; init; }
}

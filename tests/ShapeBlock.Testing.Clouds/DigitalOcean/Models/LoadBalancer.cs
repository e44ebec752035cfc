using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>A DigitalOcean load balancer: <c>new</c> (no IP yet) → <c>active</c>.</summary>
/// <param name="Id">UUID.</param>
/// <param name="Name">Name.</param>
/// <param name="Ip">Public IPv4 (empty while new; from TEST-NET-2, 198.51.100.0/24).</param>
/// <param name="Status"><c>new</c>, <c>active</c> or <c>errored</c>.</param>
/// <param name="CreatedAt">ISO 8601 creation time.</param>
/// <param name="Algorithm">Deprecated algorithm field.</param>
/// <param name="ForwardingRules">Forwarding rules.</param>
/// <param name="HealthCheck">Health check.</param>
/// <param name="Region">Region.</param>
/// <param name="Tag">Tag selecting droplets (exclusive with <paramref name="DropletIds"/>).</param>
/// <param name="DropletIds">Droplets.</param>
/// <param name="VpcUuid">VPC.</param>
/// <param name="SizeUnit">Size units.</param>
/// <param name="EnableProxyProtocol">PROXY protocol.</param>
public sealed record LoadBalancer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("forwarding_rules")] IReadOnlyList<ForwardingRule> ForwardingRules,
    [property: JsonPropertyName("health_check")] LbHealthCheck HealthCheck,
    [property: JsonPropertyName("region")] Region Region,
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("droplet_ids")] IReadOnlyList<long> DropletIds,
    [property: JsonPropertyName("vpc_uuid")] string VpcUuid,
    [property: JsonPropertyName("size_unit")] int SizeUnit,
    [property: JsonPropertyName("enable_proxy_protocol")] bool EnableProxyProtocol)
{
    /// <summary>Redirect HTTP to HTTPS.</summary>
    [JsonPropertyName("redirect_http_to_https")]
    public bool RedirectHttpToHttps { get; init; }

    /// <summary>Backend keepalive.</summary>
    [JsonPropertyName("enable_backend_keepalive")]
    public bool EnableBackendKeepalive { get; init; }

    /// <summary>Sticky sessions.</summary>
    [JsonPropertyName("sticky_sessions")]
    public object StickySessions { get; init; } = new { type = "none" };
}

/// <summary>A forwarding rule.</summary>
/// <param name="EntryProtocol"><c>tcp</c>, <c>udp</c>, <c>http</c>, <c>https</c>, <c>http2</c>, <c>http3</c>.</param>
/// <param name="EntryPort">Port the load balancer listens on.</param>
/// <param name="TargetProtocol">Protocol to the droplets.</param>
/// <param name="TargetPort">Port on the droplets.</param>
/// <param name="TlsPassthrough">TLS passthrough.</param>
public sealed record ForwardingRule(
    [property: JsonPropertyName("entry_protocol")] string EntryProtocol,
    [property: JsonPropertyName("entry_port")] int EntryPort,
    [property: JsonPropertyName("target_protocol")] string TargetProtocol,
    [property: JsonPropertyName("target_port")] int TargetPort,
    [property: JsonPropertyName("tls_passthrough")] bool TlsPassthrough)
{
    /// <summary>Certificate id (https).</summary>
    [JsonPropertyName("certificate_id")]
    public string CertificateId { get; init; } = "";
}

/// <summary>A load balancer health check.</summary>
/// <param name="Protocol"><c>tcp</c>, <c>http</c> or <c>https</c>.</param>
/// <param name="Port">Port.</param>
/// <param name="Path">HTTP path.</param>
/// <param name="CheckIntervalSeconds">Interval.</param>
/// <param name="ResponseTimeoutSeconds">Timeout.</param>
/// <param name="HealthyThreshold">Successes to become healthy.</param>
/// <param name="UnhealthyThreshold">Failures to become unhealthy.</param>
public sealed record LbHealthCheck(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("check_interval_seconds")] int CheckIntervalSeconds,
    [property: JsonPropertyName("response_timeout_seconds")] int ResponseTimeoutSeconds,
    [property: JsonPropertyName("healthy_threshold")] int HealthyThreshold,
    [property: JsonPropertyName("unhealthy_threshold")] int UnhealthyThreshold);

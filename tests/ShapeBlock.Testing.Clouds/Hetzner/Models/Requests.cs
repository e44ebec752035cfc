using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

// Request bodies as the real API accepts them; unknown fields are ignored, wrong types are json_error.
internal sealed record SshKeyCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("public_key")] string? PublicKey,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels);

internal sealed record UpdateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels);

internal sealed record NetworkCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("ip_range")] string? IpRange,
    [property: JsonPropertyName("subnets")] List<Subnet>? Subnets,
    [property: JsonPropertyName("routes")] List<Route>? Routes,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("expose_routes_to_vswitch")] bool? ExposeRoutesToVswitch);

internal sealed record SubnetDeleteRequest([property: JsonPropertyName("ip_range")] string? IpRange);

internal sealed record FirewallCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("rules")] List<FirewallRule>? Rules,
    [property: JsonPropertyName("apply_to")] List<FirewallResource>? ApplyTo);

internal sealed record FirewallRulesRequest([property: JsonPropertyName("rules")] List<FirewallRule>? Rules);

internal sealed record FirewallApplyRequest([property: JsonPropertyName("apply_to")] List<FirewallResource>? ApplyTo);

internal sealed record FirewallRemoveRequest([property: JsonPropertyName("remove_from")] List<FirewallResource>? RemoveFrom);

internal sealed record PlacementGroupCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels);

internal sealed record ServerCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("server_type")] JsonElement? ServerType,
    [property: JsonPropertyName("image")] JsonElement? Image,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("datacenter")] string? Datacenter,
    [property: JsonPropertyName("ssh_keys")] List<JsonElement>? SshKeys,
    [property: JsonPropertyName("networks")] List<long>? Networks,
    [property: JsonPropertyName("firewalls")] List<ServerFirewallRequest>? Firewalls,
    [property: JsonPropertyName("placement_group")] long? PlacementGroup,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("user_data")] string? UserData,
    [property: JsonPropertyName("start_after_create")] bool? StartAfterCreate,
    [property: JsonPropertyName("public_net")] ServerPublicNetRequest? PublicNet);

internal sealed record ServerFirewallRequest([property: JsonPropertyName("firewall")] long Firewall);

internal sealed record ServerPublicNetRequest(
    [property: JsonPropertyName("enable_ipv4")] bool? EnableIpv4,
    [property: JsonPropertyName("enable_ipv6")] bool? EnableIpv6);

internal sealed record NetworkAttachRequest(
    [property: JsonPropertyName("network")] long? Network,
    [property: JsonPropertyName("ip")] string? Ip);

internal sealed record LoadBalancerCreateRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("load_balancer_type")] JsonElement? LoadBalancerType,
    [property: JsonPropertyName("algorithm")] LoadBalancerAlgorithm? Algorithm,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("network_zone")] string? NetworkZone,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("targets")] List<TargetRequest>? Targets,
    [property: JsonPropertyName("services")] List<ServiceRequest>? Services,
    [property: JsonPropertyName("public_interface")] bool? PublicInterface,
    [property: JsonPropertyName("network")] long? Network);

internal sealed record TargetRequest(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("server")] IdReference? Server,
    [property: JsonPropertyName("label_selector")] SelectorReference? LabelSelector,
    [property: JsonPropertyName("ip")] IpReference? Ip,
    [property: JsonPropertyName("use_private_ip")] bool? UsePrivateIp);

internal sealed record ServiceRequest(
    [property: JsonPropertyName("protocol")] string? Protocol,
    [property: JsonPropertyName("listen_port")] int? ListenPort,
    [property: JsonPropertyName("destination_port")] int? DestinationPort,
    [property: JsonPropertyName("proxyprotocol")] bool? Proxyprotocol,
    [property: JsonPropertyName("health_check")] HealthCheckRequest? HealthCheck);

internal sealed record HealthCheckRequest(
    [property: JsonPropertyName("protocol")] string? Protocol,
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("interval")] int? Interval,
    [property: JsonPropertyName("timeout")] int? Timeout,
    [property: JsonPropertyName("retries")] int? Retries);

internal sealed record ServiceDeleteRequest([property: JsonPropertyName("listen_port")] int? ListenPort);

using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A Hetzner server. Status goes <c>initializing</c> → <c>running</c> when its create action succeeds.</summary>
/// <param name="Id">Server id.</param>
/// <param name="Name">Unique name (a valid hostname).</param>
/// <param name="Status"><c>initializing</c>, <c>running</c>, <c>off</c>, <c>deleting</c>, …</param>
/// <param name="Created">ISO 8601 creation time.</param>
/// <param name="PublicNet">Public addresses and applied firewalls.</param>
/// <param name="PrivateNet">Private network attachments.</param>
/// <param name="ServerType">The server type.</param>
/// <param name="Datacenter">The datacenter (older clients read the location from here).</param>
/// <param name="Location">The location.</param>
/// <param name="Image">The image.</param>
/// <param name="Protection">Protection flags.</param>
/// <param name="Labels">Labels.</param>
/// <param name="PlacementGroup">The placement group, or null.</param>
/// <param name="LoadBalancers">Ids of load balancers targeting the server.</param>
/// <param name="PrimaryDiskSize">Disk size in GB.</param>
public sealed record Server(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("public_net")] ServerPublicNet PublicNet,
    [property: JsonPropertyName("private_net")] IReadOnlyList<ServerPrivateNet> PrivateNet,
    [property: JsonPropertyName("server_type")] ServerType ServerType,
    [property: JsonPropertyName("datacenter")] Datacenter Datacenter,
    [property: JsonPropertyName("location")] Location Location,
    [property: JsonPropertyName("image")] Image? Image,
    [property: JsonPropertyName("protection")] ServerProtection Protection,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("placement_group")] PlacementGroup? PlacementGroup,
    [property: JsonPropertyName("load_balancers")] IReadOnlyList<long> LoadBalancers,
    [property: JsonPropertyName("primary_disk_size")] int PrimaryDiskSize)
{
    /// <summary>Always null (no ISO attached).</summary>
    [JsonPropertyName("iso")]
    public object? Iso { get; init; }

    /// <summary>Always false.</summary>
    [JsonPropertyName("rescue_enabled")]
    public bool RescueEnabled { get; init; }

    /// <summary>Always false.</summary>
    [JsonPropertyName("locked")]
    public bool Locked { get; init; }

    /// <summary>Always null (no backups).</summary>
    [JsonPropertyName("backup_window")]
    public string? BackupWindow { get; init; }

    /// <summary>Traffic included per month, bytes.</summary>
    [JsonPropertyName("included_traffic")]
    public long IncludedTraffic { get; init; } = 21_990_232_555_520;

    /// <summary>Outgoing traffic, bytes.</summary>
    [JsonPropertyName("outgoing_traffic")]
    public long? OutgoingTraffic { get; init; }

    /// <summary>Incoming traffic, bytes.</summary>
    [JsonPropertyName("ingoing_traffic")]
    public long? IngoingTraffic { get; init; }

    /// <summary>Volume ids (always empty).</summary>
    [JsonPropertyName("volumes")]
    public IReadOnlyList<long> Volumes { get; init; } = [];
}

/// <summary>Public networking of a server.</summary>
/// <param name="Ipv4">The IPv4 address, or null when disabled.</param>
/// <param name="Ipv6">The IPv6 network, or null when disabled.</param>
/// <param name="FloatingIps">Floating IP ids (always empty).</param>
/// <param name="Firewalls">Firewalls applied to the server.</param>
public sealed record ServerPublicNet(
    [property: JsonPropertyName("ipv4")] ServerIpv4? Ipv4,
    [property: JsonPropertyName("ipv6")] ServerIpv6? Ipv6,
    [property: JsonPropertyName("floating_ips")] IReadOnlyList<long> FloatingIps,
    [property: JsonPropertyName("firewalls")] IReadOnlyList<ServerFirewall> Firewalls);

/// <summary>A server's public IPv4.</summary>
/// <param name="Id">Primary IP id.</param>
/// <param name="Ip">The address (from <see cref="FakeCloudOptions.AddressProvider"/>).</param>
/// <param name="Blocked">Whether blocked.</param>
/// <param name="DnsPtr">Reverse DNS.</param>
public sealed record ServerIpv4(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("dns_ptr")] string DnsPtr);

/// <summary>A server's public IPv6 network.</summary>
/// <param name="Id">Primary IP id.</param>
/// <param name="Ip">The /64 network.</param>
/// <param name="Blocked">Whether blocked.</param>
/// <param name="DnsPtr">Reverse DNS entries.</param>
public sealed record ServerIpv6(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("dns_ptr")] IReadOnlyList<object> DnsPtr);

/// <summary>A firewall as seen from a server.</summary>
/// <param name="Id">Firewall id.</param>
/// <param name="Status"><c>applied</c>.</param>
public sealed record ServerFirewall(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A server's attachment to a private network.</summary>
/// <param name="Network">Network id.</param>
/// <param name="Ip">Private address from the network's subnet.</param>
/// <param name="AliasIps">Alias addresses.</param>
/// <param name="MacAddress">MAC address.</param>
public sealed record ServerPrivateNet(
    [property: JsonPropertyName("network")] long Network,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("alias_ips")] IReadOnlyList<string> AliasIps,
    [property: JsonPropertyName("mac_address")] string MacAddress);

/// <summary>Server protection flags.</summary>
/// <param name="Delete">Delete protection.</param>
/// <param name="Rebuild">Rebuild protection.</param>
public sealed record ServerProtection(
    [property: JsonPropertyName("delete")] bool Delete,
    [property: JsonPropertyName("rebuild")] bool Rebuild);

using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>A DigitalOcean droplet. Status goes <c>new</c> → <c>active</c>; addresses appear in <see cref="Networks"/> when active.</summary>
/// <param name="Id">Droplet id.</param>
/// <param name="Name">Name (names need not be unique on DigitalOcean).</param>
/// <param name="Memory">Memory in MiB.</param>
/// <param name="Vcpus">vCPUs.</param>
/// <param name="Disk">Disk in GB.</param>
/// <param name="Locked">Whether locked.</param>
/// <param name="Status"><c>new</c>, <c>active</c>, <c>off</c> or <c>archive</c>.</param>
/// <param name="CreatedAt">ISO 8601 creation time.</param>
/// <param name="Image">The image.</param>
/// <param name="Size">The size.</param>
/// <param name="SizeSlug">Size slug, e.g. <c>s-2vcpu-4gb</c>.</param>
/// <param name="Networks">Addresses (empty until active).</param>
/// <param name="Region">The region.</param>
/// <param name="Tags">Tags.</param>
/// <param name="VpcUuid">The VPC.</param>
public sealed record Droplet(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("memory")] int Memory,
    [property: JsonPropertyName("vcpus")] int Vcpus,
    [property: JsonPropertyName("disk")] int Disk,
    [property: JsonPropertyName("locked")] bool Locked,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("image")] DoImage Image,
    [property: JsonPropertyName("size")] Size Size,
    [property: JsonPropertyName("size_slug")] string SizeSlug,
    [property: JsonPropertyName("networks")] DropletNetworks Networks,
    [property: JsonPropertyName("region")] Region Region,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("vpc_uuid")] string VpcUuid)
{
    /// <summary>Always null.</summary>
    [JsonPropertyName("kernel")]
    public object? Kernel { get; init; }

    /// <summary>Enabled features (e.g. <c>private_networking</c>).</summary>
    [JsonPropertyName("features")]
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Backup ids (always empty).</summary>
    [JsonPropertyName("backup_ids")]
    public IReadOnlyList<long> BackupIds { get; init; } = [];

    /// <summary>Snapshot ids (always empty).</summary>
    [JsonPropertyName("snapshot_ids")]
    public IReadOnlyList<long> SnapshotIds { get; init; } = [];

    /// <summary>Volume ids (always empty).</summary>
    [JsonPropertyName("volume_ids")]
    public IReadOnlyList<string> VolumeIds { get; init; } = [];

    /// <summary>Always null.</summary>
    [JsonPropertyName("next_backup_window")]
    public object? NextBackupWindow { get; init; }
}

/// <summary>A droplet's addresses.</summary>
/// <param name="V4">IPv4 addresses, <c>public</c> and <c>private</c>.</param>
/// <param name="V6">IPv6 addresses (always empty).</param>
public sealed record DropletNetworks(
    [property: JsonPropertyName("v4")] IReadOnlyList<NetworkV4> V4,
    [property: JsonPropertyName("v6")] IReadOnlyList<object> V6);

/// <summary>One IPv4 address of a droplet.</summary>
/// <param name="IpAddress">The address.</param>
/// <param name="Netmask">Netmask.</param>
/// <param name="Gateway">Gateway.</param>
/// <param name="Type"><c>public</c> or <c>private</c>.</param>
public sealed record NetworkV4(
    [property: JsonPropertyName("ip_address")] string IpAddress,
    [property: JsonPropertyName("netmask")] string Netmask,
    [property: JsonPropertyName("gateway")] string Gateway,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A DigitalOcean SSH key (<c>/v2/account/keys</c>).</summary>
/// <param name="Id">Key id.</param>
/// <param name="Fingerprint">MD5 fingerprint (<c>aa:bb:…</c>).</param>
/// <param name="PublicKey">OpenSSH public key.</param>
/// <param name="Name">Name.</param>
public sealed record SshKey(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("name")] string Name);

/// <summary>A VPC.</summary>
/// <param name="Id">UUID.</param>
/// <param name="Urn"><c>do:vpc:&lt;uuid&gt;</c>.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Description">Description.</param>
/// <param name="Region">Region slug.</param>
/// <param name="IpRange">Private range.</param>
/// <param name="Default">Whether it is the region's default VPC.</param>
/// <param name="CreatedAt">ISO 8601 creation time.</param>
public sealed record Vpc(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("urn")] string Urn,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("ip_range")] string IpRange,
    [property: JsonPropertyName("default")] bool Default,
    [property: JsonPropertyName("created_at")] string CreatedAt);

/// <summary>A tag with the count of what carries it.</summary>
/// <param name="Name">Tag name.</param>
/// <param name="Resources">Tagged resources.</param>
public sealed record Tag(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("resources")] TagResources Resources);

/// <summary>Resources carrying a tag.</summary>
/// <param name="Count">Total count.</param>
/// <param name="LastTaggedUri">URI of the last tagged resource, or null.</param>
/// <param name="Droplets">Tagged droplets.</param>
public sealed record TagResources(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("last_tagged_uri")] string? LastTaggedUri,
    [property: JsonPropertyName("droplets")] TaggedCount Droplets);

/// <summary>A count of tagged resources of one kind.</summary>
/// <param name="Count">Count.</param>
/// <param name="LastTaggedUri">URI of the last one, or null.</param>
public sealed record TaggedCount(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("last_tagged_uri")] string? LastTaggedUri);

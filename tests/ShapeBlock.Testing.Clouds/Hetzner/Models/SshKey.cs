using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A Hetzner SSH key.</summary>
/// <param name="Id">Key id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Fingerprint">MD5 fingerprint (<c>aa:bb:…</c>) of the public key.</param>
/// <param name="PublicKey">The OpenSSH public key.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Created">ISO 8601 creation time.</param>
public sealed record SshKey(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("created")] string Created);

/// <summary>A placement group (servers spread over hosts).</summary>
/// <param name="Id">Group id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Type"><c>spread</c>.</param>
/// <param name="Created">ISO 8601 creation time.</param>
/// <param name="Servers">Ids of the servers in the group.</param>
public sealed record PlacementGroup(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("servers")] IReadOnlyList<long> Servers);

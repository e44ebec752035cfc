using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A Hetzner action (<c>GET /v1/actions/{id}</c>): <c>running</c> → <c>success</c> or <c>error</c>.</summary>
/// <param name="Id">Action id.</param>
/// <param name="Command">What it does, e.g. <c>create_server</c>.</param>
/// <param name="Status"><c>running</c>, <c>success</c> or <c>error</c>.</param>
/// <param name="Progress">0–100.</param>
/// <param name="Started">ISO 8601 start time.</param>
/// <param name="Finished">ISO 8601 end time, null while running.</param>
/// <param name="Resources">Resources the action works on.</param>
/// <param name="Error">The error when <paramref name="Status"/> is <c>error</c>.</param>
public sealed record HetznerAction(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("started")] string Started,
    [property: JsonPropertyName("finished")] string? Finished,
    [property: JsonPropertyName("resources")] IReadOnlyList<ResourceReference> Resources,
    [property: JsonPropertyName("error")] ErrorBody? Error);

/// <summary>A resource an action works on.</summary>
/// <param name="Id">Resource id.</param>
/// <param name="Type"><c>server</c>, <c>network</c>, <c>load_balancer</c>, …</param>
public sealed record ResourceReference(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A reference by id (<c>{"id": 42}</c>), as in firewall and load-balancer targets.</summary>
/// <param name="Id">The id.</param>
public sealed record IdReference([property: JsonPropertyName("id")] long Id);

/// <summary>A label selector reference (<c>{"selector": "k=v"}</c>).</summary>
/// <param name="Selector">The selector.</param>
public sealed record SelectorReference([property: JsonPropertyName("selector")] string Selector);

/// <summary>Delete/rebuild protection flags.</summary>
/// <param name="Delete">Delete protection.</param>
public sealed record Protection([property: JsonPropertyName("delete")] bool Delete);

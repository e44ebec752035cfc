using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// The status of one resource, as the ShapeBlock server expects it (field names kept from the
/// original operator's contract; optional fields are omitted when null).
/// </summary>
/// <param name="ResourceType">The resource kind.</param>
/// <param name="Name">The resource name.</param>
/// <param name="Namespace">The resource namespace; empty for cluster-scoped resources.</param>
/// <param name="Status">The phase, e.g. <c>Building</c> or <c>Ready</c>.</param>
public sealed record StatusMessage(
    [property: JsonPropertyOrder(0)] RelayResourceType ResourceType,
    [property: JsonPropertyOrder(1)] string Name,
    [property: JsonPropertyOrder(2)] string Namespace,
    [property: JsonPropertyOrder(3)] string Status)
{
    /// <summary>A human-readable explanation of the status.</summary>
    [JsonPropertyOrder(4)]
    public string? Message { get; init; }

    /// <summary>The pod doing the work (a build pod), when there is one.</summary>
    [JsonPropertyOrder(5)]
    public string? PodName { get; init; }

    /// <summary>When the status was observed; written as RFC 3339 UTC. Left default, the relay stamps it on publish.</summary>
    [JsonPropertyOrder(6)]
    [JsonConverter(typeof(Rfc3339UtcConverter))]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The resource's labels.</summary>
    [JsonPropertyOrder(7)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The owning app, for AppBuilds.</summary>
    [JsonPropertyOrder(8)]
    public string? AppName { get; init; }
}

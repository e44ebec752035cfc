using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>A DigitalOcean action: <c>in-progress</c> → <c>completed</c> or <c>errored</c>.</summary>
/// <param name="Id">Action id.</param>
/// <param name="Status"><c>in-progress</c>, <c>completed</c> or <c>errored</c>.</param>
/// <param name="Type">e.g. <c>create</c>, <c>destroy</c>, <c>power_off</c>.</param>
/// <param name="StartedAt">ISO 8601 start.</param>
/// <param name="CompletedAt">ISO 8601 end, null while in progress.</param>
/// <param name="ResourceId">Droplet id.</param>
/// <param name="ResourceType"><c>droplet</c>.</param>
/// <param name="RegionSlug">Region slug.</param>
public sealed record DoAction(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("started_at")] string StartedAt,
    [property: JsonPropertyName("completed_at")] string? CompletedAt,
    [property: JsonPropertyName("resource_id")] long ResourceId,
    [property: JsonPropertyName("resource_type")] string ResourceType,
    [property: JsonPropertyName("region_slug")] string RegionSlug);

/// <summary>DigitalOcean's error body: <c>{"id": "not_found", "message": "...", "request_id": "..."}</c>.</summary>
/// <param name="Id">Error id, e.g. <c>not_found</c>, <c>unprocessable_entity</c>, <c>too_many_requests</c>.</param>
/// <param name="Message">Message.</param>
/// <param name="RequestId">Request id.</param>
public sealed record DoError(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string RequestId);

/// <summary>Links of a list answer.</summary>
/// <param name="Pages">Page links; empty on a single page.</param>
public sealed record Links([property: JsonPropertyName("pages")] PageLinks Pages);

/// <summary>Absolute page URLs; absent where there is no such page.</summary>
public sealed record PageLinks
{
    /// <summary>First page.</summary>
    [JsonPropertyName("first")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? First { get; init; }

    /// <summary>Previous page.</summary>
    [JsonPropertyName("prev")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Prev { get; init; }

    /// <summary>Next page.</summary>
    [JsonPropertyName("next")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    /// <summary>Last page.</summary>
    [JsonPropertyName("last")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Last { get; init; }
}

/// <summary>List metadata.</summary>
/// <param name="Total">Entries over all pages.</param>
public sealed record DoMeta([property: JsonPropertyName("total")] int Total);

/// <summary>A link to an action in a create answer.</summary>
/// <param name="Id">Action id.</param>
/// <param name="Rel"><c>create</c>, <c>multiple_create</c>.</param>
/// <param name="Href">Absolute URL of the action.</param>
public sealed record ActionLink(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("rel")] string Rel,
    [property: JsonPropertyName("href")] string Href);

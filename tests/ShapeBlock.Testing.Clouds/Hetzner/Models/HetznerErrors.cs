using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>Hetzner's error envelope: <c>{"error": {"code": "...", "message": "...", "details": {...}}}</c>.</summary>
/// <param name="Error">The error.</param>
public sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorBody Error);

/// <summary>An API error (also used inside failed actions).</summary>
/// <param name="Code">Machine-readable code, e.g. <c>uniqueness_error</c>, <c>not_found</c>, <c>invalid_input</c>.</param>
/// <param name="Message">Human-readable message.</param>
public sealed record ErrorBody(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Code-specific details (for <c>invalid_input</c>: the offending fields).</summary>
    [JsonPropertyName("details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Details { get; init; }
}

/// <summary>Paging information of a list answer: <c>{"meta": {"pagination": {...}}}</c>.</summary>
/// <param name="Pagination">The pagination.</param>
public sealed record Meta([property: JsonPropertyName("pagination")] Pagination Pagination);

/// <summary>Hetzner pagination.</summary>
/// <param name="Page">This page (1-based).</param>
/// <param name="PerPage">Entries per page.</param>
/// <param name="PreviousPage">Previous page, or null on the first.</param>
/// <param name="NextPage">Next page, or null on the last.</param>
/// <param name="LastPage">Last page.</param>
/// <param name="TotalEntries">Entries over all pages.</param>
public sealed record Pagination(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("previous_page")] int? PreviousPage,
    [property: JsonPropertyName("next_page")] int? NextPage,
    [property: JsonPropertyName("last_page")] int LastPage,
    [property: JsonPropertyName("total_entries")] int TotalEntries);

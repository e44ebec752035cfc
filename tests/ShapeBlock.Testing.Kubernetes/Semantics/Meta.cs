using System.Globalization;
using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>Small helpers to read and write <c>metadata</c> on JSON objects.</summary>
public static class Meta
{
    /// <summary>The metadata object (created when missing).</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <returns>Its metadata.</returns>
    public static JsonObject Of(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    /// <summary>metadata.name, or empty.</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <returns>The name.</returns>
    public static string Name(JsonObject obj) => Str(obj, "name") ?? "";

    /// <summary>metadata.namespace, or null.</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <returns>The namespace.</returns>
    public static string? Namespace(JsonObject obj) => Str(obj, "namespace") is { Length: > 0 } ns ? ns : null;

    /// <summary>A string field of metadata.</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <param name="field">Field name.</param>
    /// <returns>The value or null.</returns>
    public static string? Str(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>metadata.labels as a mutable object (created when missing).</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <returns>The labels.</returns>
    public static JsonObject Labels(JsonObject obj)
    {
        var metadata = Of(obj);
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        return labels;
    }

    /// <summary>metadata.finalizers.</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <returns>A copy of the list.</returns>
    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? [.. a.Select(f => f?.GetValue<string>() ?? "")] : [];

    /// <summary>Replaces metadata.finalizers (removing the field when empty).</summary>
    /// <param name="obj">A Kubernetes object.</param>
    /// <param name="finalizers">The new list.</param>
    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.Distinct().ToList();
        if (list.Count == 0)
        {
            Of(obj).Remove("finalizers");
        }
        else
        {
            Of(obj)["finalizers"] = new JsonArray([.. list.Select(f => (JsonNode)JsonValue.Create(f))]);
        }
    }

    /// <summary>Formats a time as the API server does (RFC 3339, seconds, UTC).</summary>
    /// <param name="time">The time.</param>
    /// <returns>E.g. <c>2025-01-02T03:04:05Z</c>.</returns>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a time with microseconds (MicroTime: Lease renewTime, events.k8s.io eventTime).</summary>
    /// <param name="time">The time.</param>
    /// <returns>E.g. <c>2025-01-02T03:04:05.123456Z</c>.</returns>
    public static string MicroTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Deep JSON equality.</summary>
    /// <param name="a">First node.</param>
    /// <param name="b">Second node.</param>
    /// <returns>True when equal.</returns>
    public static bool JsonEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}

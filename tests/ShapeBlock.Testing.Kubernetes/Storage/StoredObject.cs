using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>
/// One immutable version of a stored object: its JSON bytes (shared by lists, history and every
/// watcher without copying) plus the metadata the server indexes.
/// </summary>
public sealed class StoredObject
{
    private StoredObject(ResourceKey resource, byte[] json, JsonObject metadata)
    {
        Resource = resource;
        Utf8Json = json;
        Namespace = metadata["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null;
        Name = metadata["name"]?.GetValue<string>() ?? "";
        Uid = metadata["uid"]?.GetValue<string>() ?? "";
        ResourceVersion = long.TryParse(metadata["resourceVersion"]?.GetValue<string>(), out var rv) ? rv : 0;
        Labels = metadata["labels"] is JsonObject labels
            ? labels.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.ToString(), StringComparer.Ordinal)
            : EmptyLabels;
        Finalizers = metadata["finalizers"] is JsonArray finalizers ? [.. finalizers.Select(f => f?.GetValue<string>() ?? "")] : [];
        IsTerminating = metadata["deletionTimestamp"] is not null;
        OwnerReferences = metadata["ownerReferences"] is JsonArray owners
            ? [.. owners.OfType<JsonObject>().Select(OwnerReference.From)]
            : [];
    }

    private static readonly Dictionary<string, string> EmptyLabels = [];

    // The parsed Root, boxed so it is published whole; racing first readers may each parse, all to the same value.
    private object? root;

    /// <summary>The resource type it is stored under.</summary>
    public ResourceKey Resource { get; }

    /// <summary>Namespace; null for cluster-scoped objects.</summary>
    public string? Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>metadata.uid.</summary>
    public string Uid { get; }

    /// <summary>metadata.resourceVersion as a number.</summary>
    public long ResourceVersion { get; }

    /// <summary>metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>metadata.finalizers.</summary>
    public IReadOnlyList<string> Finalizers { get; }

    /// <summary>Whether metadata.deletionTimestamp is set.</summary>
    public bool IsTerminating { get; }

    /// <summary>metadata.ownerReferences.</summary>
    public IReadOnlyList<OwnerReference> OwnerReferences { get; }

    /// <summary>The object as UTF-8 JSON (do not modify).</summary>
    public byte[] Utf8Json { get; }

    internal string StorageKey => (Namespace ?? "") + "/" + Name;

    /// <summary>
    /// The object parsed once, read-only, for the many readers that only look (simulators checking a phase or a
    /// condition on every event); parsed on first use, shared afterwards. Mutating callers use <see cref="ToJson"/>.
    /// </summary>
    internal JsonElement Root
    {
        get
        {
            if (Volatile.Read(ref root) is JsonElement parsed)
            {
                return parsed;
            }

            var reader = new Utf8JsonReader(Utf8Json);
            parsed = JsonElement.ParseValue(ref reader);
            Volatile.Write(ref root, parsed);
            return parsed;
        }
    }

    /// <summary>A property path of <see cref="Root"/> as a string, or null when absent or not a string.</summary>
    /// <param name="path">Property names from the root, e.g. <c>status</c>, <c>phase</c>.</param>
    /// <returns>The value.</returns>
    internal string? StringAt(params ReadOnlySpan<string> path) =>
        At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A property path of <see cref="Root"/>, or null when absent.</summary>
    /// <param name="path">Property names from the root.</param>
    /// <returns>The element.</returns>
    internal JsonElement? At(params ReadOnlySpan<string> path)
    {
        var current = Root;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>A fresh, mutable copy of the object.</summary>
    /// <returns>The object.</returns>
    public JsonObject ToJson() => JsonNode.Parse(Utf8Json)!.AsObject();

    /// <summary>The object as a read-only JSON document element.</summary>
    /// <returns>A parsed element (cloned, safe to keep).</returns>
    public JsonElement ToElement()
    {
        using var doc = JsonDocument.Parse(Utf8Json);
        return doc.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Resource} {StorageKey}@{ResourceVersion}";

    internal static StoredObject From(ResourceKey resource, JsonObject obj) =>
        new(resource, JsonSerializer.SerializeToUtf8Bytes(obj, JsonContext.Relaxed.JsonObject), obj["metadata"] as JsonObject ?? []);
}

/// <summary>One entry of metadata.ownerReferences.</summary>
/// <param name="ApiVersion">Owner apiVersion.</param>
/// <param name="Kind">Owner kind.</param>
/// <param name="Name">Owner name.</param>
/// <param name="Uid">Owner uid (what the garbage collector matches on).</param>
/// <param name="Controller">Whether the owner is the managing controller.</param>
/// <param name="BlockOwnerDeletion">Whether foreground deletion of the owner waits for this dependent.</param>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion)
{
    internal static OwnerReference From(JsonObject o) => new(
        o["apiVersion"]?.GetValue<string>() ?? "",
        o["kind"]?.GetValue<string>() ?? "",
        o["name"]?.GetValue<string>() ?? "",
        o["uid"]?.GetValue<string>() ?? "",
        o["controller"]?.GetValue<bool>() == true,
        o["blockOwnerDeletion"]?.GetValue<bool>() == true);
}

using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Patching;

/// <summary>Minimal <c>metadata.managedFields</c> bookkeeping: one entry per manager, operation and subresource.</summary>
public static class ManagedFields
{
    /// <summary>Records (or replaces) a manager's entry.</summary>
    /// <param name="obj">The object (modified).</param>
    /// <param name="manager">Field manager.</param>
    /// <param name="operation"><c>Apply</c> or <c>Update</c>.</param>
    /// <param name="apiVersion">The object's apiVersion.</param>
    /// <param name="time">When.</param>
    /// <param name="fieldsV1">The field set (only recorded for Apply).</param>
    /// <param name="subresource">E.g. <c>status</c>, or null.</param>
    public static void Record(JsonObject obj, string manager, string operation, string apiVersion, DateTimeOffset time, JsonObject? fieldsV1, string? subresource)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = Meta.Of(obj);
        var entries = metadata["managedFields"] as JsonArray ?? [];
        var kept = entries.OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList();
        var index = kept.FindIndex(e => Str(e, "manager") == manager && Str(e, "operation") == operation && Str(e, "subresource") == subresource);
        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = apiVersion,
            ["time"] = Meta.Timestamp(time),
        };
        if (fieldsV1 is not null)
        {
            entry["fieldsType"] = "FieldsV1";
            entry["fieldsV1"] = fieldsV1;
        }

        if (subresource is not null)
        {
            entry["subresource"] = subresource;
        }

        if (index >= 0)
        {
            kept[index] = entry;
        }
        else
        {
            kept.Add(entry);
        }

        metadata["managedFields"] = new JsonArray([.. kept.Cast<JsonNode>()]);
    }

    /// <summary>The field set a manager applied before, or null.</summary>
    /// <param name="obj">The live object.</param>
    /// <param name="manager">Field manager.</param>
    /// <param name="subresource">E.g. <c>status</c>, or null.</param>
    /// <returns>The set.</returns>
    public static JsonObject? AppliedBy(JsonObject obj, string manager, string? subresource) =>
        Entries(obj).FirstOrDefault(e => Str(e, "manager") == manager && Str(e, "operation") == "Apply" && Str(e, "subresource") == subresource)?["fieldsV1"] as JsonObject;

    /// <summary>The field sets of every other applier.</summary>
    /// <param name="obj">The live object.</param>
    /// <param name="manager">The manager to leave out.</param>
    /// <returns>The sets.</returns>
    public static IReadOnlyList<JsonObject> AppliedByOthers(JsonObject obj, string manager) =>
        [.. Entries(obj).Where(e => Str(e, "manager") != manager && Str(e, "operation") == "Apply").Select(e => e["fieldsV1"]).OfType<JsonObject>()];

    private static IEnumerable<JsonObject> Entries(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Str(JsonObject o, string field) => o[field]?.GetValue<string>();
}

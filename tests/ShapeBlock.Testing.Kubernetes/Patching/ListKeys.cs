using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Patching;

/// <summary>
/// Where a merge walks in the object's type: which lists are keyed (merged item by item) and which are
/// atomic (replaced). Custom resources use their schema's <c>x-kubernetes-list-type: map</c> and
/// <c>x-kubernetes-list-map-keys</c>; built-ins use the merge keys of the core types that matter.
/// </summary>
internal sealed class ListKeys
{
    private static readonly Dictionary<string, string[]> BuiltIn = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["imagePullSecrets"] = ["name"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["hostAliases"] = ["ip"],
    };

    private readonly JsonObject? schema;
    private readonly string? fieldName;
    private readonly bool custom;

    private ListKeys(JsonObject? schema, string? field, bool custom)
    {
        this.schema = schema;
        this.fieldName = field;
        this.custom = custom;
    }

    /// <summary>The root of an object of a type.</summary>
    /// <param name="schema">The CRD schema, or null for a built-in.</param>
    /// <param name="custom">Whether the type is a custom resource.</param>
    /// <returns>The cursor.</returns>
    public static ListKeys Root(JsonObject? schema, bool custom) => new(schema, null, custom);

    /// <summary>The cursor of a property.</summary>
    public ListKeys Property(string name)
    {
        if (name == "metadata")
        {
            return new ListKeys(null, name, custom: false);
        }

        var child = schema?["properties"]?[name] as JsonObject ?? schema?["additionalProperties"] as JsonObject;
        return new ListKeys(child, name, custom);
    }

    /// <summary>The cursor of a list's items.</summary>
    public ListKeys Items() => new(schema?["items"] as JsonObject, null, custom);

    /// <summary>The keys of the list at this cursor, or null when it is atomic.</summary>
    /// <param name="items">The list items (built-in <c>ports</c> are keyed by whichever port field they carry).</param>
    public string[]? Keys(JsonArray items)
    {
        if (schema?["x-kubernetes-list-type"]?.GetValue<string>() == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            return [.. keys.Select(k => k!.GetValue<string>())];
        }

        if (custom || fieldName is null)
        {
            return null;
        }

        if (fieldName == "ports")
        {
            return items.OfType<JsonObject>().All(i => i["containerPort"] is not null) ? ["containerPort"] : ["port"];
        }

        return BuiltIn.GetValueOrDefault(fieldName);
    }

    /// <summary>Whether the list at this cursor is a set of strings merged by union (finalizers).</summary>
    public bool IsSet => !custom && fieldName == "finalizers" || schema?["x-kubernetes-list-type"]?.GetValue<string>() == "set";

    /// <summary>The key of a list item, as the <c>k:{...}</c> field-set segment.</summary>
    public static string? ItemKey(JsonNode? item, string[] keys)
    {
        if (item is not JsonObject o || keys.Any(k => o[k] is null))
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var k in keys)
        {
            key[k] = o[k]!.DeepClone();
        }

        return key.ToJsonString();
    }
}

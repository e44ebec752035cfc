using System.Text.Json.Nodes;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Deep merge of JSON values with Helm's semantics for values files: objects merge key by key
/// recursively, the right side wins, arrays are replaced (never merged), and a <c>null</c> on the
/// right removes the key. Inputs are never modified; the result shares no node with them.
/// </summary>
public static class JsonMerge
{
    /// <summary>Merges <paramref name="right"/> over <paramref name="left"/>.</summary>
    /// <param name="left">The base values (e.g. generated values).</param>
    /// <param name="right">The overriding values (e.g. the user's), or null for none.</param>
    /// <returns>A new object.</returns>
    public static JsonObject Merge(JsonObject? left, JsonObject? right)
    {
        var result = left?.DeepClone().AsObject() ?? [];
        if (right is not null)
        {
            MergeInto(result, right);
        }

        return result;
    }

    /// <summary>Merges several layers in order: each later layer wins over the earlier ones.</summary>
    /// <param name="layers">The layers, lowest precedence first; null layers are skipped.</param>
    /// <returns>A new object.</returns>
    public static JsonObject MergeAll(params JsonObject?[] layers)
    {
        var result = new JsonObject();
        foreach (var layer in layers)
        {
            if (layer is not null)
            {
                MergeInto(result, layer);
            }
        }

        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is null)
            {
                // Helm: a null in a values file deletes the key from the values below it.
                target.Remove(key);
            }
            else if (value is JsonObject sourceObject && target[key] is JsonObject targetObject)
            {
                MergeInto(targetObject, sourceObject);
            }
            else
            {
                // Scalars, arrays and type changes: the right side replaces the left. Null leaves
                // inside a replacing object are dropped too, so no null reaches the chart.
                target[key] = value is JsonObject obj ? WithoutNulls(obj) : value.DeepClone();
            }
        }
    }

    private static JsonObject WithoutNulls(JsonObject source)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (value is not null)
            {
                result[key] = value is JsonObject obj ? WithoutNulls(obj) : value.DeepClone();
            }
        }

        return result;
    }
}

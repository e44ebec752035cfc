using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds, simplified: a merge patch in which the keyed lists of
/// <see cref="ListKeys"/> merge item by item (<c>$patch: delete</c> removes an item), <c>finalizers</c>
/// merge as a set, and the <c>$setElementOrder</c>/<c>$retainKeys</c> directives kubectl sends are dropped.
/// Other lists are replaced.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Applies a strategic merge patch.</summary>
    /// <param name="target">The document (not modified).</param>
    /// <param name="patch">The patch.</param>
    /// <returns>A new document.</returns>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Merge(target, patch, ListKeys.Root(null, custom: false));

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, ListKeys cursor)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (patchObject["$patch"]?.GetValue<string>() == "replace")
        {
            var replaced = (JsonObject)patchObject.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key is "$retainKeys" or "$patch")
            {
                continue;
            }

            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var listName = key["$deleteFromPrimitiveList/".Length..];
                if (result[listName] is JsonArray list && value is JsonArray remove)
                {
                    var kept = list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray();
                    result[listName] = new JsonArray(kept);
                }

                continue;
            }

            var child = cursor.Property(key);
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonArray patchList && result[key] is JsonArray liveList)
            {
                result[key] = MergeList(liveList, patchList, child);
            }
            else
            {
                result[key] = Merge(result[key], value, child);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray live, JsonArray patch, ListKeys cursor)
    {
        if (cursor.IsSet)
        {
            var union = live.Select(i => i?.DeepClone()).ToList();
            union.AddRange(patch.Where(p => !live.Any(l => JsonNode.DeepEquals(l, p))).Select(p => p?.DeepClone()));
            return new JsonArray([.. union]);
        }

        var keys = cursor.Keys(live);
        if (keys is null)
        {
            return (JsonArray)patch.DeepClone();
        }

        var items = live.Select(i => i?.DeepClone()).ToList();
        foreach (var patchItem in patch)
        {
            var key = ListKeys.ItemKey(patchItem, keys);
            var index = key is null ? -1 : items.FindIndex(i => ListKeys.ItemKey(i, keys) == key);
            var delete = patchItem?["$patch"]?.GetValue<string>() == "delete";
            if (delete)
            {
                if (index >= 0)
                {
                    items.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                items[index] = Merge(items[index], patchItem, cursor.Items());
            }
            else
            {
                items.Add(Merge(null, patchItem, cursor.Items()));
            }
        }

        return new JsonArray([.. items]);
    }
}

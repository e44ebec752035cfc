using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Patching;

/// <summary>
/// Server-side apply, simplified: the applied configuration is merged into the live object (objects
/// recursively, keyed lists item by item, other lists replaced) and the applier's field set is recorded
/// in <c>managedFields</c>; fields the same manager applied before but no longer applies are removed
/// unless another applier owns them. Conflicts between managers are not detected (as if <c>force=true</c>).
/// </summary>
public static class ServerSideApply
{
    private static readonly HashSet<string> SystemMetadata = ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];

    /// <summary>Merges an applied configuration into a live object.</summary>
    /// <param name="live">The live object (not modified).</param>
    /// <param name="applied">The applied configuration.</param>
    /// <param name="schema">The CRD schema, or null for a built-in.</param>
    /// <param name="custom">Whether the type is a custom resource.</param>
    /// <returns>The merged object.</returns>
    public static JsonObject Merge(JsonObject live, JsonObject applied, JsonObject? schema, bool custom) =>
        (JsonObject)Merge(live, applied, ListKeys.Root(schema, custom))!;

    /// <summary>The field set (<c>fieldsV1</c>) an applied configuration owns.</summary>
    /// <param name="applied">The applied configuration.</param>
    /// <param name="schema">The CRD schema, or null for a built-in.</param>
    /// <param name="custom">Whether the type is a custom resource.</param>
    /// <returns>The field set.</returns>
    public static JsonObject FieldSet(JsonObject applied, JsonObject? schema, bool custom) =>
        Fields(applied, ListKeys.Root(schema, custom), root: true);

    /// <summary>Removes from <paramref name="obj"/> the fields in <paramref name="previous"/> that are in no set of <paramref name="owned"/>.</summary>
    /// <param name="obj">The merged object (modified).</param>
    /// <param name="previous">The manager's previous field set.</param>
    /// <param name="owned">The field sets still owned: the manager's new one and every other applier's.</param>
    public static void RemoveDropped(JsonObject obj, JsonObject previous, IReadOnlyList<JsonObject> owned)
    {
        foreach (var path in Leaves(previous, []))
        {
            if (!owned.Any(set => Contains(set, path)))
            {
                Remove(obj, path);
            }
        }
    }

    private static JsonNode? Merge(JsonNode? live, JsonNode? applied, ListKeys cursor)
    {
        if (applied is JsonObject a && live is JsonObject l)
        {
            var result = (JsonObject)l.DeepClone();
            foreach (var (key, value) in a)
            {
                if (value is null)
                {
                    result.Remove(key);
                    continue;
                }

                var merged = Merge(result[key], value, cursor.Property(key));
                result[key] = merged;
            }

            return result;
        }

        if (applied is JsonArray appliedList && live is JsonArray liveList)
        {
            if (cursor.IsSet)
            {
                var union = liveList.Select(i => i?.DeepClone()).ToList();
                union.AddRange(appliedList.Where(p => !liveList.Any(x => JsonNode.DeepEquals(x, p))).Select(p => p?.DeepClone()));
                return new JsonArray([.. union]);
            }

            if (cursor.Keys(appliedList) is { } keys)
            {
                var items = liveList.Select(i => i?.DeepClone()).ToList();
                foreach (var item in appliedList)
                {
                    var key = ListKeys.ItemKey(item, keys);
                    var index = key is null ? -1 : items.FindIndex(i => ListKeys.ItemKey(i, keys) == key);
                    if (index >= 0)
                    {
                        items[index] = Merge(items[index], item, cursor.Items());
                    }
                    else
                    {
                        items.Add(item?.DeepClone());
                    }
                }

                return new JsonArray([.. items]);
            }
        }

        return applied?.DeepClone();
    }

    private static JsonObject Fields(JsonObject obj, ListKeys cursor, bool root)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (root && key is "apiVersion" or "kind")
            {
                continue;
            }

            if (root && key == "metadata" && value is JsonObject metadata)
            {
                var meta = Fields(new JsonObject(metadata.Where(m => !SystemMetadata.Contains(m.Key)).Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone()))), cursor.Property(key), root: false);
                if (meta.Count > 0)
                {
                    result["f:metadata"] = meta;
                }

                continue;
            }

            var child = cursor.Property(key);
            result["f:" + key] = value switch
            {
                JsonObject o => Fields(o, child, root: false),
                JsonArray a when child.IsSet => new JsonObject(a.Select(i => KeyValuePair.Create("v:" + (i?.ToJsonString() ?? "null"), (JsonNode?)new JsonObject()))
                    .DistinctBy(p => p.Key)),
                JsonArray a when child.Keys(a) is { } keys => Items(a, keys, child),
                _ => new JsonObject(),
            };
        }

        return result;
    }

    private static JsonObject Items(JsonArray items, string[] keys, ListKeys cursor)
    {
        var result = new JsonObject();
        foreach (var item in items.OfType<JsonObject>())
        {
            if (ListKeys.ItemKey(item, keys) is { } key && !result.ContainsKey("k:" + key))
            {
                var fields = Fields(item, cursor.Items(), root: false);
                fields.Insert(0, ".", new JsonObject());
                result["k:" + key] = fields;
            }
        }

        return result;
    }

    private static IEnumerable<string[]> Leaves(JsonObject set, string[] prefix)
    {
        foreach (var (key, value) in set)
        {
            string[] path = [.. prefix, key];
            if (value is JsonObject { Count: > 0 } children)
            {
                foreach (var leaf in Leaves(children, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static bool Contains(JsonObject set, string[] path)
    {
        JsonNode? current = set;
        foreach (var segment in path)
        {
            if (current is not JsonObject o || !o.TryGetPropertyValue(segment, out current))
            {
                return false;
            }
        }

        return true;
    }

    private static void Remove(JsonObject obj, string[] path)
    {
        JsonNode? parent = null;
        JsonNode? current = obj;
        var last = "";
        foreach (var segment in path)
        {
            if (segment == ".")
            {
                break;
            }

            parent = current;
            last = segment;
            current = Step(current, segment);
            if (current is null)
            {
                return;
            }
        }

        switch (parent)
        {
            case JsonObject o when last.StartsWith("f:", StringComparison.Ordinal):
                o.Remove(last[2..]);
                break;
            case JsonArray a when current is not null:
                a.Remove(current);
                break;
        }
    }

    private static JsonNode? Step(JsonNode? node, string segment)
    {
        if (segment.StartsWith("f:", StringComparison.Ordinal))
        {
            return (node as JsonObject)?[segment[2..]];
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        if (segment.StartsWith("v:", StringComparison.Ordinal))
        {
            var value = JsonNode.Parse(segment[2..]);
            return array.FirstOrDefault(i => JsonNode.DeepEquals(i, value));
        }

        if (segment.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(segment[2..]) is JsonObject key)
        {
            return array.OfType<JsonObject>().FirstOrDefault(i => key.All(k => JsonNode.DeepEquals(i[k.Key], k.Value)));
        }

        return null;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Patching;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test, with RFC 6901 pointers.</summary>
public static class JsonPatch
{
    /// <summary>Applies a JSON patch.</summary>
    /// <param name="target">The document (not modified).</param>
    /// <param name="operations">The operations array.</param>
    /// <returns>A new document.</returns>
    /// <exception cref="PatchException">An operation does not apply.</exception>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        var root = new JsonObject { ["doc"] = target.DeepClone() };
        foreach (var op in operations)
        {
            if (op is not JsonObject operation)
            {
                throw new PatchException("invalid JSON patch: operation is not an object");
            }

            var kind = operation["op"]?.GetValue<string>() ?? throw new PatchException("invalid JSON patch: missing op");
            var path = operation["path"]?.GetValue<string>() ?? throw new PatchException($"invalid JSON patch: missing path for {kind}");
            switch (kind)
            {
                case "add":
                    Add(root, path, Value(operation, kind));
                    break;
                case "remove":
                    Remove(root, path, kind);
                    break;
                case "replace":
                    Remove(root, path, kind);
                    Add(root, path, Value(operation, kind));
                    break;
                case "move":
                    var moved = Remove(root, From(operation, kind), kind);
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, From(operation, kind), kind)?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path, kind), operation["value"]))
                    {
                        throw new PatchException($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw new PatchException($"Unexpected kind: {kind}");
            }
        }

        return root["doc"]!;
    }

    private static JsonNode? Value(JsonObject operation, string kind) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new PatchException($"missing value for {kind} operation");

    private static string From(JsonObject operation, string kind) =>
        operation["from"]?.GetValue<string>() ?? throw new PatchException($"missing from for {kind} operation");

    private static (JsonNode Parent, string Key) Resolve(JsonObject root, string pointer, string kind)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw new PatchException($"{kind} operation does not apply: invalid path {pointer}");
        }

        var segments = pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        var key = "doc";
        foreach (var segment in segments)
        {
            parent = Child(parent, key) ?? throw new PatchException($"{kind} operation does not apply: doc is missing path: \"{pointer}\"");
            key = segment;
        }

        return (parent, key);
    }

    private static JsonNode? Child(JsonNode parent, string key) => parent switch
    {
        JsonObject o => o[key],
        JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string pointer, string kind)
    {
        var (parent, key) = Resolve(root, pointer, kind);
        return parent switch
        {
            JsonObject o when o.TryGetPropertyValue(key, out var v) => v,
            JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
            _ => throw new PatchException($"{kind} operation does not apply: doc is missing path: \"{pointer}\""),
        };
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, key) = Resolve(root, pointer, "add");
        switch (parent)
        {
            case JsonObject o:
                o[key] = value;
                break;
            case JsonArray a when key == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new PatchException($"add operation does not apply: doc is missing path: \"{pointer}\"");
        }
    }

    private static JsonNode? Remove(JsonObject root, string pointer, string kind)
    {
        var (parent, key) = Resolve(root, pointer, kind);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(key, out var v):
                o.Remove(key);
                return v;
            case JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw new PatchException($"{kind} operation does not apply: doc is missing path: \"{pointer}\"");
        }
    }
}

/// <summary>A patch that cannot be applied (the server answers 422).</summary>
/// <param name="message">What failed.</param>
public sealed class PatchException(string message) : Exception(message);

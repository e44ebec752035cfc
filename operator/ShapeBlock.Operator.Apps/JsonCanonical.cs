using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Canonical form of JSON values: object keys sorted (ordinal) at every level, array order kept.
/// Two renders of the same values then give the same text, whatever order a user wrote their keys
/// in, so an unchanged App never causes a Helm upgrade.
/// </summary>
public static class JsonCanonical
{
    /// <summary>A deep copy of <paramref name="node"/> with every object's keys sorted.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The sorted copy (null stays null).</returns>
    public static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => SortObject(obj),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>A deep copy of an object with every object's keys sorted.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The sorted copy.</returns>
    public static JsonObject SortObject(JsonObject obj)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[key] = Sort(value);
        }

        return sorted;
    }

    /// <summary>The SHA-256 of the canonical JSON text of a value, as 64 lower-case hex digits.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The hash.</returns>
    public static string Hash(JsonNode? node)
    {
        var text = Sort(node)?.ToJsonString() ?? "null";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge recursively, null removes, everything else replaces.</summary>
public static class MergePatch
{
    /// <summary>Applies a merge patch.</summary>
    /// <param name="target">The document (not modified).</param>
    /// <param name="patch">The patch.</param>
    /// <returns>A new document.</returns>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Apply(result[key], value);
                result[key] = merged;
            }
        }

        return result;
    }
}

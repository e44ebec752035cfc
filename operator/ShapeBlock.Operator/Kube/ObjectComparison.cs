using k8s.Models;

namespace ShapeBlock.Operator.Kube;

/// <summary>Whether an existing object already has what the operator would write (so it writes nothing).</summary>
internal static class ObjectComparison
{
    public static bool SameData(IDictionary<string, byte[]>? a, IDictionary<string, byte[]>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (b ?? new Dictionary<string, byte[]>()).All(p => a!.TryGetValue(p.Key, out var v) && v.AsSpan().SequenceEqual(p.Value));

    public static bool HasLabels(V1ObjectMeta meta, IDictionary<string, string>? labels) =>
        (labels ?? new Dictionary<string, string>()).All(p => meta.Labels?.TryGetValue(p.Key, out var v) == true && v == p.Value);
}

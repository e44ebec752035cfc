using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>
/// Shares the strings that repeat across cached objects (apiVersion, kind, namespace, label and annotation keys,
/// label values such as the managed-by marker, finalizers, owner kinds): every deserialized object would
/// otherwise hold its own copies. Bounded, so unique values (names, UIDs) cannot grow it without limit.
/// </summary>
/// <param name="capacity">Most distinct strings kept; past it, known strings are still shared, new ones are left alone.</param>
internal sealed class StringPool(int capacity = StringPool.DefaultCapacity)
{
    /// <summary>Capacity of the shared pool.</summary>
    internal const int DefaultCapacity = 8192;

    /// <summary>Longest string pooled: repeated values are short, long ones are unique data.</summary>
    internal const int MaxLength = 128;

    private readonly ConcurrentDictionary<string, string> pool = new(StringComparer.Ordinal);

    /// <summary>The pool of every informer of the process: kinds share their markers too.</summary>
    public static StringPool Shared { get; } = new();

    /// <summary>Number of pooled strings.</summary>
    internal int Count => pool.Count;

    /// <summary>Replaces the repeated strings of an object's envelope and metadata with shared instances.</summary>
    /// <param name="item">A freshly read object, not yet visible to anyone else.</param>
    public void Share(IKubernetesObject<V1ObjectMeta> item)
    {
        item.ApiVersion = Get(item.ApiVersion);
        item.Kind = Get(item.Kind);
        var meta = item.Metadata;
        if (meta is null)
        {
            return;
        }

        meta.NamespaceProperty = Get(meta.NamespaceProperty);
        meta.GenerateName = Get(meta.GenerateName);
        meta.Labels = Share(meta.Labels, values: true);
        meta.Annotations = Share(meta.Annotations, values: false);
        if (meta.Finalizers is { Count: > 0 } finalizers)
        {
            for (var i = 0; i < finalizers.Count; i++)
            {
                finalizers[i] = Get(finalizers[i]);
            }
        }

        foreach (var owner in meta.OwnerReferences ?? [])
        {
            owner.ApiVersion = Get(owner.ApiVersion);
            owner.Kind = Get(owner.Kind);
        }
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    internal string? Get(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return value;
        }

        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return pool.Count < capacity ? pool.GetOrAdd(value, value) : value;
    }

    private IDictionary<string, string>? Share(IDictionary<string, string>? map, bool values)
    {
        if (map is null || map.Count == 0)
        {
            return map;
        }

        // A right-sized copy: the deserializer's dictionaries keep spare capacity.
        var shared = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            shared[Get(key)] = values ? Get(value) : value;
        }

        return shared;
    }
}

using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>
/// The latest observed objects of one kind, by key, with secondary indexes (e.g. AppBuilds by app name,
/// children by owner UID). Reconcilers read from here; only the informer writes.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, T> items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> indexers = new(StringComparer.Ordinal);

    // Per index value: the boxed ObjectKey while one object has it (most: a build's app, a job's build), a
    // HashSet<ObjectKey> once several do. A set per value cost ~200 bytes per cached object and index.
    private readonly Dictionary<string, Dictionary<string, object>> indexes = new(StringComparer.Ordinal);

    /// <summary>Number of cached objects.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Adds an index; existing objects are indexed at once.</summary>
    /// <param name="name">Index name.</param>
    /// <param name="keys">The index values of an object.</param>
    public void AddIndex(string name, Func<T, IEnumerable<string>> keys)
    {
        lock (gate)
        {
            indexers[name] = keys;
            indexes[name] = new(StringComparer.Ordinal);
            foreach (var (key, value) in items)
            {
                IndexLocked(name, key, value);
            }
        }
    }

    /// <summary>Gets an object.</summary>
    /// <param name="key">Its key.</param>
    /// <returns>The object, or null.</returns>
    public T? Get(ObjectKey key)
    {
        lock (gate)
        {
            return items.GetValueOrDefault(key);
        }
    }

    /// <summary>All cached objects, optionally of one namespace.</summary>
    /// <param name="ns">A namespace, or null for all.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<T> List(string? ns = null)
    {
        lock (gate)
        {
            return [.. items.Where(p => ns is null || p.Key.Namespace == ns).Select(p => p.Value)];
        }
    }

    /// <summary>Objects whose index <paramref name="index"/> has the value <paramref name="value"/>.</summary>
    /// <param name="index">Index name.</param>
    /// <param name="value">Index value.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<T> ByIndex(string index, string value)
    {
        lock (gate)
        {
            if (!indexes.TryGetValue(index, out var byValue) || !byValue.TryGetValue(value, out var entry))
            {
                return [];
            }

            return entry is HashSet<ObjectKey> keys ? [.. keys.Select(k => items[k])] : [items[(ObjectKey)entry]];
        }
    }

    /// <summary>All keys.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<ObjectKey> Keys()
    {
        lock (gate)
        {
            return [.. items.Keys];
        }
    }

    internal T? Upsert(T value)
    {
        var key = ObjectKey.Of(value);
        lock (gate)
        {
            var old = items.GetValueOrDefault(key);
            if (old is not null)
            {
                UnindexLocked(key, old);
            }

            items[key] = value;
            foreach (var name in indexers.Keys)
            {
                IndexLocked(name, key, value);
            }

            return old;
        }
    }

    internal T? Remove(ObjectKey key)
    {
        lock (gate)
        {
            if (!items.Remove(key, out var old))
            {
                return null;
            }

            UnindexLocked(key, old);
            return old;
        }
    }

    private void IndexLocked(string name, ObjectKey key, T value)
    {
        var byValue = indexes[name];
        foreach (var indexValue in indexers[name](value))
        {
            if (!byValue.TryGetValue(indexValue, out var entry))
            {
                byValue[indexValue] = key;
            }
            else if (entry is HashSet<ObjectKey> keys)
            {
                keys.Add(key);
            }
            else if (!key.Equals((ObjectKey)entry))
            {
                byValue[indexValue] = new HashSet<ObjectKey> { (ObjectKey)entry, key };
            }
        }
    }

    private void UnindexLocked(ObjectKey key, T value)
    {
        foreach (var (name, indexer) in indexers)
        {
            var byValue = indexes[name];
            foreach (var indexValue in indexer(value))
            {
                if (!byValue.TryGetValue(indexValue, out var entry))
                {
                    continue;
                }

                if (entry is not HashSet<ObjectKey> keys)
                {
                    if (key.Equals((ObjectKey)entry))
                    {
                        byValue.Remove(indexValue);
                    }
                }
                else if (keys.Remove(key) && keys.Count <= 1)
                {
                    if (keys.Count == 0)
                    {
                        byValue.Remove(indexValue);
                    }
                    else
                    {
                        byValue[indexValue] = keys.First();
                    }
                }
            }
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>
/// The generic object store: immutable object versions keyed by resource, namespace and name; one global,
/// monotonically increasing resourceVersion; a bounded change history per resource type for watch
/// resumption; and watchers fed in commit order. All mutation happens under <see cref="Sync"/>.
/// </summary>
public sealed class ObjectStore
{
    private readonly Dictionary<ResourceKey, Bucket> buckets = [];
    private readonly Dictionary<string, StoredObject> byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<StoredObject>> dependents = new(StringComparer.Ordinal);
    private readonly List<StoreWatcher> allWatchers = [];
    private readonly int historyLimit;
    private long revision;

    /// <summary>Creates a store.</summary>
    /// <param name="historyLimit">Changes kept per resource type for watch resumption (older → 410 Gone).</param>
    public ObjectStore(int historyLimit = 5000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLimit, 1);
        this.historyLimit = historyLimit;
    }

    /// <summary>The store lock: hold it to make a read-check-write sequence atomic.</summary>
    internal Lock Sync { get; } = new();

    /// <summary>The newest resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (Sync)
            {
                return revision;
            }
        }
    }

    /// <summary>Gets the current version of an object.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace, or null for cluster-scoped.</param>
    /// <param name="name">Name.</param>
    /// <returns>The object, or null.</returns>
    public StoredObject? Get(ResourceKey resource, string? ns, string name)
    {
        lock (Sync)
        {
            return buckets.TryGetValue(resource, out var bucket) && bucket.Objects.TryGetValue((ns ?? "") + "/" + name, out var obj) ? obj : null;
        }
    }

    /// <summary>Gets an object by uid.</summary>
    /// <param name="uid">metadata.uid.</param>
    /// <returns>The object, or null.</returns>
    public StoredObject? GetByUid(string uid)
    {
        lock (Sync)
        {
            return byUid.GetValueOrDefault(uid);
        }
    }

    /// <summary>Lists objects of a type, ordered by namespace and name.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<StoredObject> List(ResourceKey resource, string? ns = null)
    {
        lock (Sync)
        {
            if (!buckets.TryGetValue(resource, out var bucket))
            {
                return [];
            }

            return ns is null ? [.. bucket.Objects.Values] : [.. bucket.Objects.Values.Where(o => o.Namespace == ns)];
        }
    }

    /// <summary>The resource types that hold at least one object.</summary>
    /// <returns>The keys.</returns>
    public IReadOnlyList<ResourceKey> ResourceTypes()
    {
        lock (Sync)
        {
            return [.. buckets.Where(b => b.Value.Objects.Count > 0).Select(b => b.Key)];
        }
    }

    /// <summary>Objects whose ownerReferences name the given uid.</summary>
    /// <param name="ownerUid">The owner's uid.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<StoredObject> DependentsOf(string ownerUid)
    {
        lock (Sync)
        {
            return dependents.TryGetValue(ownerUid, out var set) ? [.. set] : [];
        }
    }

    /// <summary>Number of objects of a type.</summary>
    /// <param name="resource">Resource type.</param>
    /// <returns>The count.</returns>
    public int Count(ResourceKey resource)
    {
        lock (Sync)
        {
            return buckets.TryGetValue(resource, out var b) ? b.Objects.Count : 0;
        }
    }

    /// <summary>Number of changes retained in a type's watch history (bounded).</summary>
    /// <param name="resource">Resource type.</param>
    /// <returns>The count.</returns>
    public int HistoryCount(ResourceKey resource)
    {
        lock (Sync)
        {
            return buckets.TryGetValue(resource, out var b) ? b.History.Count : 0;
        }
    }

    /// <summary>Open watches (in-process and HTTP).</summary>
    public int WatcherCount
    {
        get
        {
            lock (Sync)
            {
                return allWatchers.Count + buckets.Values.Sum(b => b.Watchers.Count);
            }
        }
    }

    /// <summary>The revision up to which changes of a type may have been dropped from history.</summary>
    internal long CompactedRevision(ResourceKey resource)
    {
        lock (Sync)
        {
            return buckets.TryGetValue(resource, out var b) ? b.Compacted : 0;
        }
    }

    /// <summary>Stores a new or changed object, assigning the next resourceVersion. Caller holds <see cref="Sync"/>.</summary>
    internal StoredObject Put(ResourceKey resource, JsonObject obj)
    {
        var bucket = BucketFor(resource);
        var metadata = (JsonObject)obj["metadata"]!;
        metadata["resourceVersion"] = (++revision).ToString(CultureInfo.InvariantCulture);
        var stored = StoredObject.From(resource, obj);
        bucket.Objects.TryGetValue(stored.StorageKey, out var old);
        bucket.Objects[stored.StorageKey] = stored;
        Index(old, stored);
        Publish(bucket, new Change(old is null ? WatchEventType.Added : WatchEventType.Modified, resource, stored, old));
        return stored;
    }

    /// <summary>Removes an object; its final state gets a new resourceVersion. Caller holds <see cref="Sync"/>.</summary>
    internal StoredObject Remove(StoredObject current)
    {
        var bucket = BucketFor(current.Resource);
        var final = current.ToJson();
        ((JsonObject)final["metadata"]!)["resourceVersion"] = (++revision).ToString(CultureInfo.InvariantCulture);
        var stored = StoredObject.From(current.Resource, final);
        bucket.Objects.Remove(current.StorageKey);
        Index(current, null);
        Publish(bucket, new Change(WatchEventType.Deleted, current.Resource, stored, current));
        return stored;
    }

    /// <summary>Opens a watch. Caller need not hold the lock.</summary>
    /// <param name="resource">Resource type, or null for all (in-process use).</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="filter">Label/field filter, or null.</param>
    /// <param name="start">Where to start.</param>
    /// <param name="capacity">Queue bound; 0 for unbounded (in-process consumers that must see everything).</param>
    /// <param name="external">Whether this is an HTTP client's watch.</param>
    /// <returns>The watcher.</returns>
    /// <exception cref="ResourceVersionTooOldException">The start revision is older than the retained history.</exception>
    internal StoreWatcher Watch(ResourceKey? resource, string? ns, Func<StoredObject, bool>? filter, WatchStart start, int capacity, bool external)
    {
        var watcher = new StoreWatcher(resource, ns, filter, capacity, external);
        lock (Sync)
        {
            if (resource is { } key)
            {
                var bucket = BucketFor(key);
                if (start.Revision is { } from)
                {
                    if (from < bucket.Compacted)
                    {
                        throw new ResourceVersionTooOldException(from, bucket.Compacted);
                    }

                    foreach (var change in bucket.History.Where(c => c.ResourceVersion > from))
                    {
                        watcher.Offer(change);
                    }
                }
                else if (start.InitialState)
                {
                    foreach (var obj in bucket.Objects.Values)
                    {
                        watcher.OfferInitial(obj, obj.ResourceVersion);
                    }
                }

                if (start.InitialEventsEndBookmark)
                {
                    watcher.OfferBookmark(revision, initialEventsEnd: true);
                }

                bucket.Watchers.Add(watcher);
            }
            else
            {
                if (start.InitialState)
                {
                    foreach (var obj in buckets.Values.SelectMany(b => b.Objects.Values))
                    {
                        watcher.OfferInitial(obj, obj.ResourceVersion);
                    }
                }

                allWatchers.Add(watcher);
            }
        }

        return watcher;
    }

    /// <summary>Closes a watch.</summary>
    /// <param name="watcher">The watcher.</param>
    internal void Unwatch(StoreWatcher watcher)
    {
        lock (Sync)
        {
            if (watcher.Resource is { } key && buckets.TryGetValue(key, out var bucket))
            {
                bucket.Watchers.Remove(watcher);
            }
            else
            {
                allWatchers.Remove(watcher);
            }
        }

        watcher.Complete();
    }

    /// <summary>Queues a bookmark at the current revision (after every event already queued).</summary>
    /// <param name="watcher">The watcher.</param>
    internal void Bookmark(StoreWatcher watcher)
    {
        lock (Sync)
        {
            watcher.OfferBookmark(revision, initialEventsEnd: false);
        }
    }

    /// <summary>Closes watchers (all HTTP watches, or all of them).</summary>
    /// <param name="externalOnly">Only HTTP clients' watches.</param>
    /// <returns>How many were closed.</returns>
    internal int CloseWatchers(bool externalOnly)
    {
        List<StoreWatcher> closing;
        lock (Sync)
        {
            closing = [.. allWatchers.Concat(buckets.Values.SelectMany(b => b.Watchers)).Where(w => !externalOnly || w.IsExternal)];
            foreach (var bucket in buckets.Values)
            {
                bucket.Watchers.RemoveAll(closing.Contains);
            }

            allWatchers.RemoveAll(closing.Contains);
        }

        foreach (var watcher in closing)
        {
            watcher.Complete();
        }

        return closing.Count;
    }

    private Bucket BucketFor(ResourceKey resource)
    {
        if (!buckets.TryGetValue(resource, out var bucket))
        {
            bucket = new Bucket();
            buckets[resource] = bucket;
        }

        return bucket;
    }

    private void Publish(Bucket bucket, Change change)
    {
        bucket.History.Enqueue(change);
        while (bucket.History.Count > historyLimit)
        {
            bucket.Compacted = bucket.History.Dequeue().ResourceVersion;
        }

        Deliver(bucket.Watchers, change);
        Deliver(allWatchers, change);
    }

    private static void Deliver(List<StoreWatcher> watchers, Change change)
    {
        for (var i = watchers.Count - 1; i >= 0; i--)
        {
            watchers[i].Offer(change);
            if (watchers[i].Overflowed)
            {
                watchers.RemoveAt(i);
            }
        }
    }

    private void Index(StoredObject? old, StoredObject? now)
    {
        if (old is not null)
        {
            byUid.Remove(old.Uid);
            foreach (var owner in old.OwnerReferences)
            {
                if (dependents.TryGetValue(owner.Uid, out var set))
                {
                    set.Remove(old);
                    if (set.Count == 0)
                    {
                        dependents.Remove(owner.Uid);
                    }
                }
            }
        }

        if (now is not null)
        {
            byUid[now.Uid] = now;
            foreach (var owner in now.OwnerReferences)
            {
                if (!dependents.TryGetValue(owner.Uid, out var set))
                {
                    set = [];
                    dependents[owner.Uid] = set;
                }

                set.Add(now);
            }
        }
    }

    private sealed class Bucket
    {
        public SortedDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

        public Queue<Change> History { get; } = new();

        public List<StoreWatcher> Watchers { get; } = [];

        public long Compacted { get; set; }
    }
}

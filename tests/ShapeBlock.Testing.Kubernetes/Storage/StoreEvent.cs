using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>Watch event types, as on the wire.</summary>
public enum WatchEventType
{
    /// <summary>ADDED.</summary>
    Added,

    /// <summary>MODIFIED.</summary>
    Modified,

    /// <summary>DELETED.</summary>
    Deleted,

    /// <summary>BOOKMARK: a resourceVersion the watcher has seen everything up to.</summary>
    Bookmark,
}

/// <summary>One event delivered to a store watcher.</summary>
/// <param name="Type">What happened (as seen through the watcher's filter).</param>
/// <param name="Resource">The resource type.</param>
/// <param name="Object">The object version; null for bookmarks.</param>
/// <param name="ResourceVersion">The store revision of the event.</param>
/// <param name="InitialEventsEnd">A bookmark that ends the initial events of a <c>sendInitialEvents</c> watch.</param>
public sealed record StoreEvent(WatchEventType Type, ResourceKey Resource, StoredObject? Object, long ResourceVersion, bool InitialEventsEnd = false);

/// <summary>A committed change, as kept in the bounded history.</summary>
internal sealed record Change(WatchEventType Type, ResourceKey Resource, StoredObject Object, StoredObject? Old)
{
    public long ResourceVersion => Object.ResourceVersion;
}

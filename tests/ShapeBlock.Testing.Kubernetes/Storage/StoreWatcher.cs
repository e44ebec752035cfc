using System.Threading.Channels;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>
/// A subscription to store changes. Events are queued in commit order; a bounded watcher whose reader
/// falls too far behind is closed (as a real API server closes slow watchers) and must re-watch.
/// </summary>
public sealed class StoreWatcher
{
    private readonly Channel<StoreEvent> channel;
    private readonly Func<StoredObject, bool>? filter;

    internal StoreWatcher(ResourceKey? resource, string? ns, Func<StoredObject, bool>? filter, int capacity, bool external)
    {
        Resource = resource;
        Namespace = ns;
        this.filter = filter;
        IsExternal = external;
        channel = capacity > 0
            ? Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>The watched resource type; null for every type.</summary>
    public ResourceKey? Resource { get; }

    /// <summary>The watched namespace; null for all.</summary>
    public string? Namespace { get; }

    /// <summary>Whether this is an HTTP client's watch (cut by fault injection) rather than an in-process one.</summary>
    public bool IsExternal { get; }

    /// <summary>Set when the watcher was closed because its queue was full.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The events, in order; completes when the watcher is closed.</summary>
    public ChannelReader<StoreEvent> Events => channel.Reader;

    internal long LastDelivered { get; private set; }

    internal void Offer(Change change)
    {
        if (Namespace is not null && change.Object.Namespace != Namespace)
        {
            return;
        }

        var type = Translate(change);
        if (type is { } t)
        {
            Write(new StoreEvent(t, change.Resource, change.Object, change.ResourceVersion));
        }
    }

    internal void OfferInitial(StoredObject obj, long revision)
    {
        if ((Namespace is null || obj.Namespace == Namespace) && Matches(obj))
        {
            Write(new StoreEvent(WatchEventType.Added, obj.Resource, obj, revision));
        }
    }

    internal void OfferBookmark(long revision, bool initialEventsEnd) =>
        Write(new StoreEvent(WatchEventType.Bookmark, Resource ?? default, null, revision, initialEventsEnd));

    internal void Complete() => channel.Writer.TryComplete();

    private WatchEventType? Translate(Change change)
    {
        if (filter is null)
        {
            return change.Type;
        }

        var now = Matches(change.Object);
        var before = change.Old is not null && Matches(change.Old);
        return change.Type switch
        {
            WatchEventType.Added => now ? WatchEventType.Added : null,
            WatchEventType.Deleted => now || before ? WatchEventType.Deleted : null,
            _ when now && before => WatchEventType.Modified,
            _ when now => WatchEventType.Added,
            _ when before => WatchEventType.Deleted,
            _ => null,
        };
    }

    private bool Matches(StoredObject obj) => filter is null || filter(obj);

    private void Write(StoreEvent e)
    {
        if (channel.Writer.TryWrite(e))
        {
            LastDelivered = e.ResourceVersion;
            return;
        }

        Overflowed = true;
        channel.Writer.TryComplete();
    }
}

using System.Collections.Concurrent;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes;

/// <summary>The open HTTP watch streams: how many there are, waiting for clients to connect, and bookmarks on demand.</summary>
public sealed class WatchControl
{
    private readonly ConcurrentDictionary<StoreWatcher, WatchInfo> active = new();
    private readonly ObjectStore store;
    private event Action? Changed;

    internal WatchControl(ObjectStore store) => this.store = store;

    /// <summary>Open HTTP watch streams.</summary>
    public int ActiveCount => active.Count;

    /// <summary>Open HTTP watch streams on a resource (plural, or <c>plural.group</c>).</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The count.</returns>
    public int Count(string resource) =>
        active.Values.Count(w => Faults.RequestCounter.Matches(w.Group, w.Resource, resource));

    /// <summary>Sends a BOOKMARK now on every open stream that allowed bookmarks.</summary>
    public void SendBookmarks()
    {
        foreach (var (watcher, info) in active)
        {
            if (info.AllowBookmarks)
            {
                store.Bookmark(watcher);
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> HTTP watches are open (on the resource, when given).</summary>
    /// <param name="count">How many.</param>
    /// <param name="resource">Resource filter, or null.</param>
    /// <param name="timeout">Upper bound.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <exception cref="TimeoutException">Not reached within <paramref name="timeout"/>.</exception>
    public async Task WaitForAsync(int count, string? resource = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if ((resource is null ? ActiveCount : Count(resource)) >= count)
            {
                done.TrySetResult();
            }
        }

        Changed += Check;
        try
        {
            Check();
            await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Changed -= Check;
        }
    }

    internal void Add(StoreWatcher watcher, string group, string resource, bool allowBookmarks)
    {
        active[watcher] = new WatchInfo(group, resource, allowBookmarks);
        Changed?.Invoke();
    }

    internal void Remove(StoreWatcher watcher)
    {
        active.TryRemove(watcher, out _);
        Changed?.Invoke();
    }

    private sealed record WatchInfo(string Group, string Resource, bool AllowBookmarks);
}

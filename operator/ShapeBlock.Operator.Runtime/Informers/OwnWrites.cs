using System.Globalization;
using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>
/// The resource versions a controller wrote itself, so a reconcile can tell when the cache still shows an object
/// from before its own write. Acting on that older copy would redo a step already taken (a second Job) or write
/// back a phase already left behind. A reconcile that finds its object stale stops; the controller re-queues the
/// key when the informer delivers the write — even a status-only write, which otherwise wakes nothing.
/// </summary>
/// <remarks>
/// Resource versions are compared as integers, as client-go's integer mutation cache does: Kubernetes and every
/// API server we test against issue increasing integers. A version that does not parse is never treated as
/// stale, so an unusual server costs only this protection, not progress.
/// </remarks>
public sealed class OwnWrites
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, Written> written = new(StringComparer.Ordinal);

    /// <summary>Records an object as the API returned it from this process's write.</summary>
    /// <param name="obj">The written object.</param>
    public void Record(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj.Metadata.Uid is not { } uid || Parse(obj.Metadata.ResourceVersion) is not { } version)
        {
            return;
        }

        lock (sync)
        {
            if (written.TryGetValue(uid, out var known))
            {
                known.Version = Math.Max(known.Version, version);
            }
            else
            {
                written[uid] = new Written(version);
            }
        }
    }

    /// <summary>
    /// The cached object, or null while the cache still shows it from before this process's last write; then the
    /// informer's delivery of that write re-queues the key (see <see cref="CaughtUp"/>).
    /// </summary>
    /// <typeparam name="T">The kind.</typeparam>
    /// <param name="cache">The informer's cache.</param>
    /// <param name="key">The object's key.</param>
    /// <returns>The object to reconcile, or null when there is none yet (absent, or stale).</returns>
    public T? Fresh<T>(ObjectCache<T> cache, ObjectKey key)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var obj = cache.Get(key);
        if (obj is null || !IsBehind(obj, markWaiting: true))
        {
            return obj;
        }

        // The write may have landed between the read and the mark, its event finding nobody waiting: read again.
        var again = cache.Get(key);
        return again is not null && !IsBehind(again, markWaiting: false) ? again : null;
    }

    /// <summary>True when the cached copy is older than this process's last write of the object (nothing is re-queued).</summary>
    /// <param name="cached">The object as the cache shows it.</param>
    /// <returns>Whether the cache is behind.</returns>
    public bool IsBehind(IKubernetesObject<V1ObjectMeta> cached) => IsBehind(cached, markWaiting: false);

    /// <summary>
    /// Called for every object the informer delivers: forgets writes the cache now shows, and says whether a
    /// reconcile stopped on a stale copy and must run again.
    /// </summary>
    /// <param name="delivered">The object as delivered.</param>
    /// <returns>Whether to re-queue its key.</returns>
    public bool CaughtUp(IKubernetesObject<V1ObjectMeta> delivered)
    {
        if (delivered.Metadata.Uid is not { } uid || Parse(delivered.Metadata.ResourceVersion) is not { } seen)
        {
            return false;
        }

        lock (sync)
        {
            if (!written.TryGetValue(uid, out var known) || seen < known.Version)
            {
                return false;
            }

            written.Remove(uid);
            return known.Waiting;
        }
    }

    /// <summary>Forgets an object (deleted).</summary>
    /// <param name="uid">Its uid.</param>
    public void Forget(string uid)
    {
        lock (sync)
        {
            written.Remove(uid);
        }
    }

    private bool IsBehind(IKubernetesObject<V1ObjectMeta> cached, bool markWaiting)
    {
        if (cached.Metadata.Uid is not { } uid || Parse(cached.Metadata.ResourceVersion) is not { } seen)
        {
            return false;
        }

        lock (sync)
        {
            if (!written.TryGetValue(uid, out var known))
            {
                return false;
            }

            if (seen >= known.Version)
            {
                written.Remove(uid);
                return false;
            }

            known.Waiting |= markWaiting;
            return true;
        }
    }

    /// <summary>True when <paramref name="cached"/> is the same object as <paramref name="written"/> at an earlier resource version.</summary>
    /// <param name="cached">The informer's copy.</param>
    /// <param name="written">The copy a write of this process returned.</param>
    /// <returns>Whether the cache has not caught up with that write yet (never for versions that do not parse).</returns>
    public static bool IsOlder(IKubernetesObject<V1ObjectMeta> cached, IKubernetesObject<V1ObjectMeta> written) =>
        cached.Metadata.Uid == written.Metadata.Uid &&
        Parse(cached.Metadata.ResourceVersion) is { } seen && Parse(written.Metadata.ResourceVersion) is { } mine && seen < mine;

    private static long? Parse(string? version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class Written(long version)
    {
        public long Version { get; set; } = version;

        public bool Waiting { get; set; }
    }
}

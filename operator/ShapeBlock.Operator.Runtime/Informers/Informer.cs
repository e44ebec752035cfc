using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>
/// Keeps an <see cref="ObjectCache{T}"/> of one kind in step with the API server: list, then watch
/// from the list's resourceVersion with bookmarks; a cut stream resumes from the last version seen;
/// <c>410 Gone</c> re-lists and hands the differences to the handlers; every
/// <see cref="InformerOptions.ResyncPeriod"/> all objects are handed over again without any API call.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Informer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly KubeRestClient client;
    private readonly ResourceType type;
    private readonly IResourceCodec<T> codec;
    private readonly InformerOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly List<Action<InformerEvent<T>>> handlers = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates an informer; call <see cref="RunAsync"/> to start it.</summary>
    /// <param name="client">The REST client.</param>
    /// <param name="type">The watched resource.</param>
    /// <param name="codec">How objects are read.</param>
    /// <param name="options">List/watch options.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="time">Clock for retry delays and resyncs.</param>
    public Informer(KubeRestClient client, ResourceType type, IResourceCodec<T> codec, InformerOptions options, ILogger logger, TimeProvider? time = null)
    {
        this.client = client;
        this.type = type;
        this.codec = codec;
        this.options = options;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The cache this informer fills.</summary>
    public ObjectCache<T> Cache { get; } = new();

    /// <summary>The watched resource.</summary>
    public ResourceType Resource => type;

    /// <summary>
    /// Applied to every object before it enters the cache (set it before <see cref="RunAsync"/>): drops the fields no
    /// reader uses and shares repeated values (<see cref="CacheShare"/>). A trimmed cached copy must never be written
    /// back whole (patch the fields instead), or the server would lose what the trim dropped.
    /// </summary>
    public Action<T>? Trim { get; set; }

    /// <summary>True once the first list has been loaded into the cache.</summary>
    public bool HasSynced => synced.Task.IsCompleted;

    /// <summary>The resourceVersion the informer has seen up to.</summary>
    public string LastResourceVersion { get; private set; } = "";

    /// <summary>When the first list began and when it was in the cache (<see cref="System.Diagnostics.Stopwatch"/> timestamps; 0 before), for start-up timings.</summary>
    public (long Started, long Synced) FirstList { get; private set; }

    /// <summary>How many times the informer listed (1 + recoveries from 410 Gone).</summary>
    public int ListCount { get; private set; }

    /// <summary>Registers a handler; it must be quick (enqueue a key), it runs on the informer's loop.</summary>
    /// <param name="handler">The handler.</param>
    public void Subscribe(Action<InformerEvent<T>> handler) => handlers.Add(handler);

    /// <summary>Completes when the cache holds the first full list.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until cancelled.</summary>
    /// <param name="cancellationToken">Stops the informer.</param>
    /// <returns>A task that ends when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resync = options.ResyncPeriod > TimeSpan.Zero ? ResyncLoopAsync(cancellationToken) : Task.CompletedTask;
        var failures = 0;
        var mustList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (mustList)
                {
                    await RelistAsync(cancellationToken).ConfigureAwait(false);
                    mustList = false;
                }

                await WatchOnceAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                logger.LogInformation("{Resource}: resourceVersion {Version} expired, re-listing", type, LastResourceVersion);
                mustList = true;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = RetryDelay(failures);
                logger.LogWarning("{Resource}: list/watch failed ({Error}); retrying in {Delay} ms", type, e.Message, (int)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await resync.ConfigureAwait(false);
    }

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<ObjectKey>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        string? token = null;
        string version;
        do
        {
            var page = await client.ListAsync(type, codec, options.Namespace, options.LabelSelector, options.PageSize, token, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                seen.Add(ObjectKey.Of(item));
                Apply(WatchEventType.Modified, item);
            }

            token = page.Continue;
            version = page.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(token));

        foreach (var key in Cache.Keys().Where(k => !seen.Contains(k)))
        {
            if (Cache.Remove(key) is { } gone)
            {
                Notify(new InformerEvent<T>(InformerEventType.Deleted, gone));
            }
        }

        LastResourceVersion = version;
        if (ListCount++ == 0)
        {
            FirstList = (started, System.Diagnostics.Stopwatch.GetTimestamp());
        }

        synced.TrySetResult();
    }

    private async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        var timeout = (int)options.WatchTimeout.TotalSeconds;
        await foreach (var change in client.WatchAsync(type, codec, options.Namespace, LastResourceVersion, options.LabelSelector, timeout, cancellationToken).ConfigureAwait(false))
        {
            if (change.Type != WatchEventType.Bookmark)
            {
                Apply(change.Type, change.Object);
            }

            if (change.ResourceVersion.Length > 0)
            {
                LastResourceVersion = change.ResourceVersion;
            }
        }
    }

    private void Apply(WatchEventType change, T item)
    {
        if (change == WatchEventType.Deleted)
        {
            var gone = Cache.Remove(ObjectKey.Of(item)) ?? item;
            Notify(new InformerEvent<T>(InformerEventType.Deleted, item, gone));
            return;
        }

        // managedFields can be larger than the object and no reconciler reads them; an update that omits
        // them leaves the server's copy untouched, so the cache need not keep them.
        item.Metadata.ManagedFields = null;
        Trim?.Invoke(item);
        StringPool.Shared.Share(item);
        var old = Cache.Upsert(item);
        if (old is null)
        {
            Notify(new InformerEvent<T>(InformerEventType.Added, item));
        }
        else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
        {
            Notify(new InformerEvent<T>(InformerEventType.Updated, item, old));
        }
    }

    private async Task ResyncLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ResyncPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in Cache.List())
                {
                    Notify(new InformerEvent<T>(InformerEventType.Resync, item));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Notify(InformerEvent<T> change)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                // A faulty handler must not stop the informer for every other controller.
                logger.LogError(e, "{Resource}: event handler failed", type);
            }
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var ms = Math.Min(options.MinRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.8 + (0.2 * Random.Shared.NextDouble())));
    }
}

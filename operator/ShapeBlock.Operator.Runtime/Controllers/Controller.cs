using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Runtime.Informers;
using ShapeBlock.Operator.Runtime.Queue;

namespace ShapeBlock.Operator.Runtime.Controllers;

/// <summary>
/// Runs one reconciler: keys come from the primary informer (status-only changes filtered out), from
/// children by ownerReference, and from any mapped informer; a bounded number of workers reconcile
/// them through a de-duplicating, rate-limited <see cref="WorkQueue{TKey}"/>.
/// </summary>
public sealed class Controller : IDisposable
{
    private readonly IReconciler reconciler;
    private readonly ControllerOptions options;
    private readonly ILogger logger;
    private readonly IControllerMetrics? metrics;
    private readonly WorkQueue<ObjectKey> queue;

    /// <summary>Creates a controller; wire its sources, then call <see cref="RunAsync"/>.</summary>
    /// <param name="name">Name used in logs and metrics, e.g. <c>project</c>.</param>
    /// <param name="reconciler">The reconciler.</param>
    /// <param name="options">Concurrency and backoff.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="metrics">Metrics sink, optional.</param>
    /// <param name="time">Clock for delays.</param>
    public Controller(string name, IReconciler reconciler, ControllerOptions options, ILogger logger, IControllerMetrics? metrics = null, TimeProvider? time = null)
    {
        Name = name;
        this.reconciler = reconciler;
        this.options = options;
        this.logger = logger;
        this.metrics = metrics;
        queue = new WorkQueue<ObjectKey>(options.Backoff, time);
    }

    /// <summary>The controller's name.</summary>
    public string Name { get; }

    /// <summary>Keys waiting to run.</summary>
    public int QueueDepth => queue.Count;

    /// <summary>Reconciles of the primary kind: on create, delete, spec (generation), metadata or finalizer changes, and resync — not on status-only writes.</summary>
    /// <typeparam name="T">The primary kind.</typeparam>
    /// <param name="informer">Its informer.</param>
    /// <param name="ownWrites">
    /// The writes the reconciler records, when it stops on a cache that does not show them yet: the delivery of
    /// such a write then re-queues the key, status-only or not.
    /// </param>
    /// <returns>This controller.</returns>
    public Controller For<T>(Informer<T> informer, OwnWrites? ownWrites = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        informer.Subscribe(change =>
        {
            if (change.Type == InformerEventType.Deleted)
            {
                if (change.Object.Metadata.Uid is { } uid)
                {
                    ownWrites?.Forget(uid);
                }

                Enqueue(ObjectKey.Of(change.Object));
                return;
            }

            var awaited = ownWrites?.CaughtUp(change.Object) == true;
            if (awaited || change.Type != InformerEventType.Updated || IsMeaningfulChange(change.Old!, change.Object))
            {
                Enqueue(ObjectKey.Of(change.Object));
            }
        });
        return this;
    }

    /// <summary>Reconciles the owner (of kind <paramref name="ownerKind"/>) whenever a child changes.</summary>
    /// <typeparam name="TChild">The child kind.</typeparam>
    /// <param name="informer">The child informer.</param>
    /// <param name="ownerKind">The owner's kind.</param>
    /// <param name="ownerIsClusterScoped">Whether the owner kind is cluster-scoped (its key has no namespace).</param>
    /// <returns>This controller.</returns>
    public Controller Owns<TChild>(Informer<TChild> informer, string ownerKind, bool ownerIsClusterScoped = false)
        where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        informer.Subscribe(change =>
        {
            foreach (var owner in change.Object.Metadata.OwnerReferences ?? [])
            {
                if (owner.Kind == ownerKind)
                {
                    Enqueue(new ObjectKey(ownerIsClusterScoped ? null : change.Object.Metadata.NamespaceProperty, owner.Name));
                }
            }
        });
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns whenever an object of another kind changes.</summary>
    /// <typeparam name="TOther">The watched kind.</typeparam>
    /// <param name="informer">Its informer.</param>
    /// <param name="map">Which primary keys care about the object.</param>
    /// <returns>This controller.</returns>
    public Controller Watches<TOther>(Informer<TOther> informer, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        informer.Subscribe(change =>
        {
            if (change.Type == InformerEventType.Resync)
            {
                return;
            }

            foreach (var key in map(change.Object))
            {
                Enqueue(key);
            }
        });
        return this;
    }

    /// <summary>Queues a key now.</summary>
    /// <param name="key">The key.</param>
    public void Enqueue(ObjectKey key)
    {
        queue.Add(key);
        metrics?.QueueDepth(Name, queue.Count);
    }

    /// <summary>Runs the workers until cancelled, then lets in-flight reconciles finish.</summary>
    /// <param name="cancellationToken">Stops taking new keys.</param>
    /// <returns>A task that ends after the drain.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(queue.ShutDown);
        var workers = Enumerable.Range(0, Math.Max(1, options.MaxConcurrentReconciles))
            .Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None));
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => queue.Dispose();

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            (bool Ok, ObjectKey Key) next;
            try
            {
                next = await queue.TakeAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (!next.Ok)
            {
                return;
            }

            await ProcessAsync(next.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            var result = await reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                queue.AddAfter(key, delay);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next leader or process picks the key up again.
        }
        catch (Exception e)
        {
            failed = true;
            var delay = queue.AddRateLimited(key);
            logger.LogWarning("{Controller} {Key}: reconcile failed, retry {Attempt} in {Delay} ms: {Error}", Name, key, queue.Failures(key), (int)delay.TotalMilliseconds, e.Message);
        }
        finally
        {
            queue.Done(key);
            metrics?.ReconcileCompleted(Name, Stopwatch.GetElapsedTime(started), failed);
            metrics?.QueueDepth(Name, queue.Count);
        }
    }

    private static bool IsMeaningfulChange(IKubernetesObject<V1ObjectMeta> old, IKubernetesObject<V1ObjectMeta> current)
    {
        var (o, n) = (old.Metadata, current.Metadata);
        if (o.Generation is null || n.Generation is null)
        {
            return true; // kinds without generation (Secrets, Namespaces): any change counts
        }

        return o.Generation != n.Generation
            || o.DeletionTimestamp != n.DeletionTimestamp
            || !SameItems(o.Finalizers, n.Finalizers)
            || !SameMap(o.Labels, n.Labels)
            || !SameMap(o.Annotations, n.Annotations);
    }

    private static bool SameItems(IList<string>? a, IList<string>? b) => (a ?? []).SequenceEqual(b ?? []);

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value);
}

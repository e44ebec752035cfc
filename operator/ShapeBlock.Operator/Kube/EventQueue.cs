using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Kube;

/// <summary>
/// Sits in front of <see cref="EventRecorder"/> so that no reconcile waits on an Event write: Events are queued
/// (bounded; when full, new ones are dropped and counted — they are a log, not state) and written in the
/// background in order by a few writers. <see cref="DisposeAsync"/> writes what is queued, within a bound.
/// </summary>
internal sealed class EventQueue : IAsyncDisposable
{
    /// <summary>Queued Events at most; a burst of phase changes beyond this drops Events rather than stalling reconciles.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Channel<PendingEvent> queue;
    private readonly Func<PendingEvent, CancellationToken, Task> write;
    private readonly ILogger logger;
    private readonly CancellationTokenSource abort = new();
    private readonly Task[] writers;
    private long dropped;

    /// <summary>Creates the queue and starts its writers.</summary>
    /// <param name="recorder">Writes one Event (best effort: it logs and swallows API errors).</param>
    /// <param name="logger">Reports dropped Events.</param>
    /// <param name="capacity">Queue bound.</param>
    /// <param name="writers">Concurrent writes (Events are independent; more than one keeps up with a burst).</param>
    public EventQueue(EventRecorder recorder, ILogger<EventQueue> logger, int capacity = DefaultCapacity, int writers = 2)
        : this((e, ct) => recorder.RecordAsync(e.Object, e.Type, e.Reason, e.Message, ct), logger, capacity, writers)
    {
    }

    internal EventQueue(Func<PendingEvent, CancellationToken, Task> write, ILogger logger, int capacity, int writers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        this.write = write;
        this.logger = logger;
        queue = Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses, and we count the drop
            SingleReader = writers == 1,
        });
        this.writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAllAsync))];
    }

    /// <summary>Events dropped because the queue was full (or closed).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Events queued and not yet taken by a writer.</summary>
    public int Pending => queue.Reader.Count;

    /// <summary>Queues an Event on an object; returns at once.</summary>
    /// <param name="obj">The involved object (its identity is read when the Event is written; cached objects are not changed in place).</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">Short reason.</param>
    /// <param name="message">Human message (never a secret).</param>
    public void Enqueue(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message)
    {
        if (queue.Writer.TryWrite(new PendingEvent(obj, type, reason, message)))
        {
            return;
        }

        var count = Interlocked.Increment(ref dropped);
        if (count == 1 || count % 1000 == 0)
        {
            logger.LogWarning("Event queue full: {Dropped} event(s) dropped so far (latest {Reason} on {Kind} {Name})", count, reason, obj.Kind, obj.Metadata.Name);
        }
    }

    /// <summary>Writes every queued Event, waiting at most <paramref name="timeout"/>; then stops the writers.</summary>
    /// <param name="timeout">Bound on the wait.</param>
    /// <returns>A task.</returns>
    public async Task FlushAsync(TimeSpan timeout)
    {
        queue.Writer.TryComplete();
        var all = Task.WhenAll(writers);
        if (await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false) != all)
        {
            await abort.CancelAsync().ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await FlushAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        abort.Dispose();
    }

    private async Task WriteAllAsync()
    {
        try
        {
            await foreach (var e in queue.Reader.ReadAllAsync(abort.Token).ConfigureAwait(false))
            {
                try
                {
                    await write(e, abort.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The recorder is best effort already; whatever escapes must not stop the writer.
                    logger.LogDebug("Could not record event {Reason}: {Error}", e.Reason, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            var left = 0;
            while (queue.Reader.TryRead(out _))
            {
                left++;
            }

            Interlocked.Add(ref dropped, left);
            if (left > 0)
            {
                logger.LogWarning("Stopped with {Count} event(s) unwritten", left);
            }
        }
    }

    /// <summary>One queued Event.</summary>
    internal sealed record PendingEvent(IKubernetesObject<V1ObjectMeta> Object, string Type, string Reason, string Message);
}

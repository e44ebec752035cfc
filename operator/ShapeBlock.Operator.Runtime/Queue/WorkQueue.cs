namespace ShapeBlock.Operator.Runtime.Queue;

/// <summary>
/// A work queue of object keys with the guarantees a controller needs:
/// <list type="bullet">
/// <item>a key waiting in the queue is there once, however often it is added;</item>
/// <item>a key is never handed to two workers at once: added while being processed, it is marked
/// dirty and queued again when the worker calls <see cref="Done"/>;</item>
/// <item>delayed adds (<see cref="AddAfter"/>, <see cref="AddRateLimited"/>) with per-key
/// exponential backoff that <see cref="Forget"/> resets;</item>
/// <item><see cref="ShutDown"/> stops handing out keys; in-flight keys finish.</item>
/// </list>
/// </summary>
/// <typeparam name="TKey">The key type, e.g. <c>namespace/name</c>.</typeparam>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Queue<TKey> ready = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly HashSet<TKey> processing = [];
    private readonly Dictionary<TKey, int> failures = [];
    private readonly Dictionary<TKey, DateTimeOffset> waitingUntil = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> waiting = new();
    private readonly SemaphoreSlim available = new(0);
    private readonly TimeProvider time;
    private readonly BackoffPolicy backoff;
    private readonly Random random;
    private ITimer? timer;
    private DateTimeOffset timerDue = DateTimeOffset.MaxValue;
    private bool shuttingDown;

    /// <summary>Creates a queue.</summary>
    /// <param name="backoff">Backoff for <see cref="AddRateLimited"/>; <see cref="BackoffPolicy.Default"/> when null.</param>
    /// <param name="time">Clock for delays; the system clock when null.</param>
    /// <param name="random">Jitter source; a shared random when null.</param>
    public WorkQueue(BackoffPolicy? backoff = null, TimeProvider? time = null, Random? random = null)
    {
        this.backoff = backoff ?? BackoffPolicy.Default;
        this.time = time ?? TimeProvider.System;
        this.random = random ?? Random.Shared;
    }

    /// <summary>Keys ready to be handed out (the queue depth metric).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return ready.Count;
            }
        }
    }

    /// <summary>Keys waiting for a delay to pass.</summary>
    public int WaitingCount
    {
        get
        {
            lock (gate)
            {
                return waitingUntil.Count;
            }
        }
    }

    /// <summary>Queues a key now (no-op when it is already queued).</summary>
    /// <param name="key">The key.</param>
    public void Add(TKey key)
    {
        lock (gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>Queues a key once <paramref name="delay"/> has passed; an earlier pending delay for the key wins.</summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">How long to wait; zero or less queues it now.</param>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (waitingUntil.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            waitingUntil[key] = due;
            waiting.Enqueue(key, due);
            ArmTimerLocked();
        }
    }

    /// <summary>Queues a key after its backoff delay and counts a failure for it.</summary>
    /// <param name="key">The key whose reconcile failed.</param>
    /// <returns>The delay chosen.</returns>
    public TimeSpan AddRateLimited(TKey key)
    {
        int count;
        lock (gate)
        {
            count = failures[key] = failures.GetValueOrDefault(key) + 1;
        }

        var delay = backoff.Delay(count, random);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Consecutive failures recorded for a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The count; 0 after <see cref="Forget"/>.</returns>
    public int Failures(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Resets a key's backoff (call after a successful reconcile).</summary>
    /// <param name="key">The key.</param>
    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key. The caller must call <see cref="Done"/> with it when finished.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The key, or <c>default</c> with <c>false</c> once the queue is shut down and empty.</returns>
    public async ValueTask<(bool Ok, TKey Key)> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                if (ready.TryDequeue(out var key))
                {
                    dirty.Remove(key);
                    processing.Add(key);
                    return (true, key);
                }

                if (shuttingDown)
                {
                    available.Release();
                    return (false, default!);
                }
            }
        }
    }

    /// <summary>Marks a key as finished; if it was added meanwhile it is queued again.</summary>
    /// <param name="key">The key from <see cref="TakeAsync"/>.</param>
    public void Done(TKey key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (dirty.Contains(key) && !shuttingDown)
            {
                ready.Enqueue(key);
                available.Release();
            }
        }
    }

    /// <summary>Stops handing out keys: waiting takers return, queued and delayed keys are dropped.</summary>
    public void ShutDown()
    {
        lock (gate)
        {
            shuttingDown = true;
            ready.Clear();
            dirty.Clear();
            waiting.Clear();
            waitingUntil.Clear();
            timer?.Dispose();
            timer = null;
            available.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
        available.Dispose();
    }

    private void AddLocked(TKey key)
    {
        if (shuttingDown || !dirty.Add(key))
        {
            return;
        }

        if (!processing.Contains(key))
        {
            ready.Enqueue(key);
            available.Release();
        }
    }

    private void ArmTimerLocked()
    {
        if (!waiting.TryPeek(out _, out var due) || due >= timerDue)
        {
            return;
        }

        timerDue = due;
        var wait = due - time.GetUtcNow();
        timer?.Dispose();
        timer = time.CreateTimer(_ => ReleaseDue(), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    private void ReleaseDue()
    {
        lock (gate)
        {
            timerDue = DateTimeOffset.MaxValue;
            var now = time.GetUtcNow();
            while (waiting.TryPeek(out var key, out var due) && due <= now)
            {
                waiting.Dequeue();
                // Skip stale entries superseded by an earlier AddAfter of the same key.
                if (waitingUntil.TryGetValue(key, out var current) && current == due)
                {
                    waitingUntil.Remove(key);
                    AddLocked(key);
                }
            }

            ArmTimerLocked();
        }
    }
}

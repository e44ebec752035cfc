namespace ShapeBlock.Operator.Relay;

/// <summary>
/// The latest status of every known resource. Statuses are state, not events: a newer status of a
/// resource replaces an unsent older one, and every reconnect queues all of them again, so the server
/// always ends up with the current status of every resource whatever happened in between.
/// </summary>
internal sealed class StatusOutbox(RelayMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StatusKey, Entry> _entries = [];

    // Keys waiting to be sent, oldest first; a key is in it at most once while Entry.Queued.
    private readonly Queue<StatusKey> _pending = new();

    /// <summary>Resources in the outbox.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records the latest status of a resource and queues it if it is not queued already.</summary>
    public void Publish(StatusMessage status)
    {
        var key = StatusKey.Of(status);
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(status);
                _entries.Add(key, entry);
                metrics.SetKnownResources(_entries.Count);
            }

            entry.Latest = status;
            entry.Forget = false;
            Enqueue(key, entry);
        }
    }

    /// <summary>Stops tracking a resource once its latest status has been sent (for deleted resources).</summary>
    public void Forget(StatusKey key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return;
            }

            if (entry.Queued || entry.InFlight)
            {
                entry.Forget = true;
            }
            else
            {
                Remove(key);
            }
        }
    }

    /// <summary>Queues every known resource again: called on each (re)connect, before any live update.</summary>
    public void RequeueAll()
    {
        lock (_gate)
        {
            foreach (var (key, entry) in _entries)
            {
                Enqueue(key, entry);
            }
        }
    }

    /// <summary>Takes the next queued status to send.</summary>
    public bool TryTake(out StatusMessage status)
    {
        lock (_gate)
        {
            while (_pending.TryDequeue(out var key))
            {
                if (_entries.TryGetValue(key, out var entry) && entry.Queued)
                {
                    entry.Queued = false;
                    entry.InFlight = true;
                    status = entry.Latest;
                    return true;
                }
            }
        }

        status = null!;
        return false;
    }

    /// <summary>
    /// Ends a send started by <see cref="TryTake"/>. A failed send needs no retry here: the connection is
    /// gone, and the next connect requeues everything.
    /// </summary>
    public void Complete(StatusMessage status, bool sent)
    {
        var key = StatusKey.Of(status);
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return;
            }

            entry.InFlight = false;
            if (sent && entry.Forget && !entry.Queued && ReferenceEquals(entry.Latest, status))
            {
                Remove(key);
            }
        }
    }

    private void Enqueue(StatusKey key, Entry entry)
    {
        if (!entry.Queued)
        {
            entry.Queued = true;
            _pending.Enqueue(key);
        }
    }

    private void Remove(StatusKey key)
    {
        _entries.Remove(key);
        metrics.SetKnownResources(_entries.Count);
    }

    private sealed class Entry(StatusMessage latest)
    {
        public StatusMessage Latest { get; set; } = latest;

        public bool Queued { get; set; }

        public bool InFlight { get; set; }

        public bool Forget { get; set; }
    }
}

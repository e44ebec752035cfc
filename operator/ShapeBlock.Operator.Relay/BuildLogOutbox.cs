namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Unsent build log lines of every build, sent round-robin between builds (one line per build per
/// turn) and in order within a build. A finished build's buffer is released once fully sent.
/// </summary>
internal sealed class BuildLogOutbox(int capBytesPerBuild, RelayMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BuildLogBuffer> _builds = new(StringComparer.Ordinal);
    private readonly Queue<BuildLogBuffer> _ready = new();

    /// <summary>Builds with a buffer.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _builds.Count;
            }
        }
    }

    /// <summary>Appends a line to a build's log.</summary>
    /// <returns>Lines dropped to make room (0 normally).</returns>
    public long Append(string buildId, string line)
    {
        lock (_gate)
        {
            if (!_builds.TryGetValue(buildId, out var buffer))
            {
                buffer = new BuildLogBuffer(buildId, capBytesPerBuild);
                _builds.Add(buildId, buffer);
                metrics.SetBufferedBuilds(_builds.Count);
            }

            // A line after completion reopens the log rather than being lost.
            buffer.Completed = false;
            var (lines, bytes, delta) = buffer.Append(line);
            metrics.AddBufferedLogBytes(delta);
            if (lines > 0 || bytes > 0)
            {
                metrics.LogDropped(lines, bytes);
            }

            MarkReady(buffer);
            return lines;
        }
    }

    /// <summary>Marks a build's log finished; its buffer goes once everything in it is sent.</summary>
    public void Complete(string buildId)
    {
        lock (_gate)
        {
            if (_builds.TryGetValue(buildId, out var buffer))
            {
                buffer.Completed = true;
                ReleaseIfDrained(buffer);
            }
        }
    }

    /// <summary>Takes the next line to send, from the next build in turn.</summary>
    public bool TryTake(out BuildLogItem item)
    {
        lock (_gate)
        {
            while (_ready.TryDequeue(out var buffer))
            {
                buffer.Ready = false;
                if (buffer.TryTake() is { } taken)
                {
                    metrics.AddBufferedLogBytes(taken.BytesDelta);
                    item = new BuildLogItem(buffer, taken.Text, taken.IsMarker);
                    return true;
                }

                ReleaseIfDrained(buffer);
            }
        }

        item = default;
        return false;
    }

    /// <summary>Ends the send of an item from <see cref="TryTake"/>; an unsent item is retried first.</summary>
    public void Complete(BuildLogItem item, bool sent)
    {
        lock (_gate)
        {
            item.Buffer.Complete(sent);
            if (item.Buffer.HasPending)
            {
                MarkReady(item.Buffer);
            }
            else
            {
                ReleaseIfDrained(item.Buffer);
            }
        }
    }

    private void MarkReady(BuildLogBuffer buffer)
    {
        if (!buffer.Ready)
        {
            buffer.Ready = true;
            _ready.Enqueue(buffer);
        }
    }

    private void ReleaseIfDrained(BuildLogBuffer buffer)
    {
        if (buffer.Drained
            && _builds.TryGetValue(buffer.BuildId, out var current)
            && ReferenceEquals(current, buffer))
        {
            _builds.Remove(buffer.BuildId);
            metrics.SetBufferedBuilds(_builds.Count);
        }
    }
}

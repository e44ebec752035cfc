namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Counters and gauges of one relay, read lock-free; the operator maps them to Prometheus.
/// Counters only grow; gauges reflect the outbox at the time of reading.
/// </summary>
public sealed class RelayMetrics
{
    private long _connectAttempts;
    private long _connects;
    private long _connectFailures;
    private long _disconnects;
    private long _statusMessagesSent;
    private long _logMessagesSent;
    private long _logLinesDropped;
    private long _logBytesDropped;
    private long _logDropMarkers;
    private long _knownResources;
    private long _bufferedBuilds;
    private long _bufferedLogBytes;

    /// <summary>Handshakes started.</summary>
    public long ConnectAttempts => Volatile.Read(ref _connectAttempts);

    /// <summary>Handshakes that succeeded.</summary>
    public long Connects => Volatile.Read(ref _connects);

    /// <summary>Handshakes that failed (refused, timed out, rejected by the server).</summary>
    public long ConnectFailures => Volatile.Read(ref _connectFailures);

    /// <summary>Established connections that ended, for any reason.</summary>
    public long Disconnects => Volatile.Read(ref _disconnects);

    /// <summary>Status messages sent.</summary>
    public long StatusMessagesSent => Volatile.Read(ref _statusMessagesSent);

    /// <summary>Build log messages sent, drop markers included.</summary>
    public long LogMessagesSent => Volatile.Read(ref _logMessagesSent);

    /// <summary>All messages sent.</summary>
    public long MessagesSent => StatusMessagesSent + LogMessagesSent;

    /// <summary>Build log lines dropped because a build's buffer was full.</summary>
    public long LogLinesDropped => Volatile.Read(ref _logLinesDropped);

    /// <summary>Build log bytes dropped: whole lines dropped, and the cut-off parts of over-long lines.</summary>
    public long LogBytesDropped => Volatile.Read(ref _logBytesDropped);

    /// <summary>Drop marker lines sent in place of dropped log lines.</summary>
    public long LogDropMarkers => Volatile.Read(ref _logDropMarkers);

    /// <summary>Gauge: resources whose latest status the outbox holds.</summary>
    public long KnownResources => Volatile.Read(ref _knownResources);

    /// <summary>Gauge: builds with a log buffer (running, or finished with lines still unsent).</summary>
    public long BufferedBuilds => Volatile.Read(ref _bufferedBuilds);

    /// <summary>Gauge: unsent build log bytes across all builds.</summary>
    public long BufferedLogBytes => Volatile.Read(ref _bufferedLogBytes);

    internal void ConnectAttempted() => Interlocked.Increment(ref _connectAttempts);

    internal void Connected() => Interlocked.Increment(ref _connects);

    internal void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    internal void Disconnected() => Interlocked.Increment(ref _disconnects);

    internal void StatusSent() => Interlocked.Increment(ref _statusMessagesSent);

    internal void LogSent(bool isDropMarker)
    {
        Interlocked.Increment(ref _logMessagesSent);
        if (isDropMarker)
        {
            Interlocked.Increment(ref _logDropMarkers);
        }
    }

    internal void LogDropped(long lines, long bytes)
    {
        Interlocked.Add(ref _logLinesDropped, lines);
        Interlocked.Add(ref _logBytesDropped, bytes);
    }

    internal void SetKnownResources(long value) => Volatile.Write(ref _knownResources, value);

    internal void SetBufferedBuilds(long value) => Volatile.Write(ref _bufferedBuilds, value);

    internal void AddBufferedLogBytes(long delta) => Interlocked.Add(ref _bufferedLogBytes, delta);
}

using System.Globalization;
using System.Text;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// The unsent log lines of one build, oldest first, within a byte cap. Lines leave the buffer when
/// sent, so after a reconnect sending resumes exactly after the last line sent. When the cap is hit the
/// oldest unsent lines are dropped and a marker line takes their place in the stream. Not thread-safe:
/// <see cref="BuildLogOutbox"/> serialises access.
/// </summary>
internal sealed class BuildLogBuffer(string buildId, int capBytes)
{
    /// <summary>Start of every line the relay itself writes into a build log.</summary>
    public const string MarkerPrefix = "[shapeblock]";

    private readonly Queue<string> _lines = new();

    // A line whose send failed: it goes out again before anything else.
    private string? _retry;
    private bool _retryIsMarker;
    private Taken _inFlight;

    // Dropped lines not yet announced by a marker; the marker goes where they were, before the queue.
    private long _unannouncedLines;
    private long _unannouncedBytes;

    public string BuildId { get; } = buildId;

    /// <summary>UTF-8 bytes of the queued lines (what the cap limits).</summary>
    public long Bytes { get; private set; }

    /// <summary>No more lines will come; the buffer is released once drained.</summary>
    public bool Completed { get; set; }

    /// <summary>The buffer is in the outbox's ready queue.</summary>
    public bool Ready { get; set; }

    public bool HasPending => _retry is not null || _unannouncedLines > 0 || _lines.Count > 0;

    public bool Drained => Completed && !HasPending && !_inFlight.Active;

    /// <summary>Adds a line, dropping the oldest unsent ones if the cap requires it.</summary>
    /// <returns>Lines and bytes dropped by this call, and the change in <see cref="Bytes"/>.</returns>
    public (long Lines, long Bytes, long BytesDelta) Append(string line)
    {
        var before = Bytes;
        long droppedLines = 0, droppedBytes = 0, truncatedBytes = 0;
        var size = Encoding.UTF8.GetByteCount(line);
        if (size > capBytes)
        {
            // A line larger than the whole buffer keeps its head and says, in the line, what was cut.
            var kept = Truncate(line, capBytes);
            truncatedBytes = size - Encoding.UTF8.GetByteCount(kept);
            line = string.Create(CultureInfo.InvariantCulture, $"{kept} {MarkerPrefix} line truncated, {truncatedBytes} bytes dropped");
            size = Encoding.UTF8.GetByteCount(line);
        }

        while (Bytes + size > capBytes && _lines.TryDequeue(out var oldest))
        {
            var oldestSize = Encoding.UTF8.GetByteCount(oldest);
            Bytes -= oldestSize;
            droppedLines++;
            droppedBytes += oldestSize;
        }

        _unannouncedLines += droppedLines;
        _unannouncedBytes += droppedBytes;
        _lines.Enqueue(line);
        Bytes += size;
        return (droppedLines, droppedBytes + truncatedBytes, Bytes - before);
    }

    /// <summary>Takes the next line to send: a failed one first, then a drop marker, then the queue.</summary>
    /// <returns>The line, whether it is a marker, and the change in <see cref="Bytes"/>; or null when nothing is pending.</returns>
    public (string Text, bool IsMarker, long BytesDelta)? TryTake()
    {
        if (_inFlight.Active)
        {
            throw new InvalidOperationException("One line at a time per build.");
        }

        if (_retry is { } retry)
        {
            _retry = null;
            return Take(retry, _retryIsMarker, 0);
        }

        if (_unannouncedLines > 0)
        {
            var marker = string.Create(
                CultureInfo.InvariantCulture,
                $"{MarkerPrefix} {_unannouncedLines} log lines ({_unannouncedBytes} bytes) dropped");
            _unannouncedLines = 0;
            _unannouncedBytes = 0;
            return Take(marker, true, 0);
        }

        if (_lines.TryDequeue(out var line))
        {
            var size = Encoding.UTF8.GetByteCount(line);
            Bytes -= size;
            return Take(line, false, -size);
        }

        return null;
    }

    /// <summary>Ends the send of the line last taken; an unsent line is kept to go first next time.</summary>
    public void Complete(bool sent)
    {
        if (!sent)
        {
            _retry = _inFlight.Text;
            _retryIsMarker = _inFlight.IsMarker;
        }

        _inFlight = default;
    }

    private (string, bool, long) Take(string text, bool isMarker, long delta)
    {
        _inFlight = new Taken(true, text, isMarker);
        return (text, isMarker, delta);
    }

    private static string Truncate(string line, int maxBytes)
    {
        // Leave room for the truncation note; cut on a rune boundary so the UTF-8 stays valid.
        var budget = Math.Max(0, maxBytes - 96);
        var used = 0;
        var end = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return line[..end];
    }

    private readonly record struct Taken(bool Active, string? Text, bool IsMarker);
}

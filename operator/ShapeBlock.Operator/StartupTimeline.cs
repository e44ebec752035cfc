using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ShapeBlock.Operator;

/// <summary>
/// Milestones of the operator's start-up, from <c>Main</c> to caches synced, for the "Caches synced" log line: where
/// the time to ready goes (configuration, client, each informer's first list) without a profiler.
/// </summary>
internal sealed class StartupTimeline
{
    private readonly long start = Stopwatch.GetTimestamp();
    private readonly DateTime startUtc = DateTime.UtcNow;
    private readonly List<(string Name, long At, long Allocated)> marks = [];

    /// <summary>Records that a phase ended now.</summary>
    /// <param name="phase">What ended, e.g. <c>configuration</c>.</param>
    public void Mark(string phase)
    {
        lock (marks)
        {
            marks.Add((phase, Stopwatch.GetTimestamp(), GC.GetTotalAllocatedBytes()));
        }
    }

    /// <summary>Milliseconds from <c>Main</c> to a <see cref="Stopwatch"/> timestamp.</summary>
    /// <param name="timestamp">The timestamp.</param>
    /// <returns>The offset.</returns>
    public double Offset(long timestamp) => Stopwatch.GetElapsedTime(start, timestamp).TotalMilliseconds;

    /// <summary>Main's UTC time (with microseconds: the benchmark subtracts its launch time) and each phase's end, in ms after Main, with the bytes allocated by then.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("main at ").Append(startUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
        lock (marks)
        {
            // Allocation matters at start-up: every fresh page of heap is a page fault.
            foreach (var (name, at, allocated) in marks)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {name} +{Offset(at):F1} ms {allocated / 1048576.0:F1} MiB");
            }
        }

        return text.ToString();
    }
}

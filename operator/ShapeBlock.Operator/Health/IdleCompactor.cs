namespace ShapeBlock.Operator.Health;

/// <summary>
/// One compacting, decommitting collection when the operator goes idle after a burst of work.
/// Once converged the operator does nothing for minutes (the resync period), so gen2 never reaches its budget:
/// the objects replaced in the caches during the burst stay as fragmentation and the GC keeps the regions it
/// grew into committed. A full aggressive collection at that moment gives them back (operator-rss, bench/README.md).
/// It never runs on a hot path: only after a quiet second following at least <see cref="BurstBytes"/> of allocation,
/// and at most once per <see cref="MinInterval"/>.
/// </summary>
/// <param name="queuesEmpty">True when no controller has keys waiting.</param>
/// <param name="time">Clock of the check loop.</param>
internal sealed class IdleCompactor(Func<bool> queuesEmpty, TimeProvider time)
{
    /// <summary>How often the process is looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Fewest allocated bytes since the last compaction that make a collection worth it (a burst).</summary>
    public const long BurstBytes = 8L << 20;

    /// <summary>Allocation within one <see cref="Period"/> below which the process counts as idle (watches, probes).</summary>
    public const long IdleBytes = 512L << 10;

    /// <summary>Shortest time between two compactions.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(30);

    private long lastAllocated = -1;
    private long allocatedAtCompaction;
    private long lastCompaction = long.MinValue;
    private int quietTicks;

    /// <summary>Compactions run so far.</summary>
    public long Compactions { get; private set; }

    /// <summary>Checks every <see cref="Period"/> until cancelled.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ShouldCompact(GC.GetTotalAllocatedBytes(precise: false), queuesEmpty(), time.GetTimestamp()))
                {
                    // Aggressive: compact every generation and decommit all free space, blocking (nothing else runs anyway).
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The policy, one tick at a time: true when a compaction is due now (and counts it).</summary>
    /// <param name="allocated">Bytes allocated by the process so far.</param>
    /// <param name="idleQueues">True when no controller has keys waiting.</param>
    /// <param name="timestamp">Now, in <see cref="TimeProvider.GetTimestamp"/> units.</param>
    /// <returns>Whether to collect now.</returns>
    internal bool ShouldCompact(long allocated, bool idleQueues, long timestamp)
    {
        var quiet = idleQueues && lastAllocated >= 0 && allocated - lastAllocated < IdleBytes;
        lastAllocated = allocated;
        quietTicks = quiet ? quietTicks + 1 : 0;
        if (quietTicks < 2
            || allocated - allocatedAtCompaction < BurstBytes
            || (lastCompaction != long.MinValue && time.GetElapsedTime(lastCompaction, timestamp) < MinInterval))
        {
            return false;
        }

        allocatedAtCompaction = allocated;
        lastCompaction = timestamp;
        quietTicks = 0;
        Compactions++;
        return true;
    }
}

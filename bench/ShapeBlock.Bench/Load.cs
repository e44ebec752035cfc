using System.Diagnostics;
using System.Globalization;

namespace ShapeBlock.Bench;

/// <summary>
/// What a timed section cost the whole process: CPU time (all threads), garbage collections and allocation, and the
/// machine's load average — so a figure taken on the shared 2-core machine says how busy it was.
/// </summary>
internal readonly record struct Load(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated, long LockContentions)
{
    public static Load Sample()
    {
        using var self = Process.GetCurrentProcess();
        return new Load(self.TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), Monitor.LockContentionCount);
    }

    /// <summary>The difference to now, as one line.</summary>
    public string Since(double wallSeconds)
    {
        var now = Sample();
        var cpu = (now.Cpu - Cpu).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"process CPU {cpu:F1} s ({cpu / wallSeconds:F2} cores of {Environment.ProcessorCount}); GCs gen0 {now.Gen0 - Gen0}, gen1 {now.Gen1 - Gen1}, gen2 {now.Gen2 - Gen2}, pause {(now.GcPause - GcPause).TotalSeconds:F2} s; allocated {(now.Allocated - Allocated) / (1024.0 * 1024):F0} MiB; lock contentions {now.LockContentions - LockContentions}; load average {LoadAverage()}");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}

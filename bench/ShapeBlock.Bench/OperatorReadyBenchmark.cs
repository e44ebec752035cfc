using System.Diagnostics;
using System.Globalization;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Bench;

/// <summary>
/// operator-ready: the NativeAOT operator process started against an in-memory API server holding 1,000 Projects,
/// 1,000 Apps and 1,000 AppBuilds, timed from <c>Process.Start</c> to the first <c>/readyz</c> 200. Each run gets a
/// fresh server (so every run lists the same objects: the operator starts reconciling once ready). The first run
/// is a warm-up and not counted: the API server runs in this JIT process, and a real API server has its code
/// compiled long before an operator starts (<c>SB_BENCH_READY_WARMUP=0</c> counts it too). Per run it prints the
/// operator's CPU time up to ready (utime + stime from /proc, load-independent unlike the wall time), the load
/// average, and the operator's own start-up timeline (its "Caches synced" log line).
/// </summary>
internal static class OperatorReadyBenchmark
{
    public static Benchmark Create() => new(
        "operator-ready",
        "NativeAOT operator: process start to /readyz 200 with 1,000 Projects, Apps and AppBuilds to list (goal <= 300 ms)",
        RunAsync);

    private static async Task<Figure> RunAsync(bool shortMode, CancellationToken cancellationToken)
    {
        var count = shortMode ? 50 : 1000;
        var runs = int.TryParse(Environment.GetEnvironmentVariable("SB_BENCH_READY_RUNS"), out var r) && r > 0 ? r : shortMode ? 1 : 7;
        var warmUp = Environment.GetEnvironmentVariable("SB_BENCH_READY_WARMUP") != "0";
        var command = await OperatorProcess.LocateAsync(Repository.Root, shortMode, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"  operator: {string.Join(' ', command)}; {count} Projects, Apps, AppBuilds; {runs} runs{(warmUp ? " after one warm-up run" : "")}");

        var ready = new List<double>();
        var cpu = new List<double>();
        for (var i = warmUp ? -1 : 0; i < runs; i++)
        {
            var run = await MeasureOnceAsync(command, count, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(i < 0 ? "warm-up" : $"run {i + 1}")}: ready {run.ReadyMs:F1} ms, operator CPU {run.CpuMs:F0} ms (user {run.UserMs:F0}, system {run.SystemMs:F0}), load average {run.Load}"));
            if (run.Timeline is not null)
            {
                Console.WriteLine($"    {run.Timeline}");
            }

            if (i >= 0)
            {
                ready.Add(run.ReadyMs);
                cpu.Add(run.CpuMs);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ready median {Median(ready):F1} ms (min {ready.Min():F1}, max {ready.Max():F1}); operator CPU to ready median {Median(cpu):F0} ms (min {cpu.Min():F0}, max {cpu.Max():F0})"));
        return new Figure(Math.Round(Median(ready), 1), "ms");
    }

    private static async Task<Run> MeasureOnceAsync(string[] command, int count, CancellationToken cancellationToken)
    {
        await using var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { ShapeBlockCrds = true }, cancellationToken).ConfigureAwait(false);
        OperatorBenchmarks.Seed(server, count);
        var load = LoadAverage();
        var launched = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        await using var op = OperatorProcess.Start(command, server.KubeconfigPath, TimeSpan.FromSeconds(10), "Information");
        await op.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var readyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var (user, system) = op.CpuTime();
        var timeline = await op.StartupLineAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        return new Run(readyMs, user + system, user, system, load, timeline is null ? null : Describe(timeline, launched));
    }

    /// <summary>The operator's start-up line, with the time from <c>Process.Start</c> to its <c>Main</c> (its line gives Main's UTC time).</summary>
    private static string Describe(string line, DateTime launched)
    {
        const string Marker = "main at ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0 && DateTime.TryParse(line.AsSpan(at + Marker.Length, 27), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var main))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Process.Start → Main {(main - launched).TotalMilliseconds:F1} ms; {line}");
        }

        return line;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed record Run(double ReadyMs, double CpuMs, double UserMs, double SystemMs, string Load, string? Timeline);
}

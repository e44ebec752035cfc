using System.Diagnostics;
using System.Globalization;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Bench;

/// <summary>
/// operator-ready: the NativeAOT operator process started against an in-memory API server holding 1,000 Projects,
/// 1,000 Apps and 1,000 AppBuilds, timed from <c>Process.Start</c> to the first <c>/readyz</c> 200. Each run gets a
/// fresh server (so every run lists the same objects: the operator starts reconciling once ready). The first run
/// is a warm-up and not counted: the API server runs in this JIT process, and a real API server has its code
/// compiled long before an operator starts (<c>SB_BENCH_READY_WARMUP=0</c> counts it too). <c>SB_BENCH_READY_RUNS</c> sets
/// the number of runs; <c>SB_BENCH_READY_BINARIES=a,b</c> runs several operator binaries alternately, run by run (A/B
/// at the same machine load), and the figure is the first one's. Per run it prints the
/// operator's CPU time up to ready (its threads' schedstat, and utime + stime from /proc; less load-dependent than
/// the wall time), its page faults, the load average, and the operator's own start-up timeline (its "Caches synced" log line).
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
        var warmUps = int.TryParse(Environment.GetEnvironmentVariable("SB_BENCH_READY_WARMUP"), out var w) && w >= 0 ? w : shortMode ? 1 : 3;
        // A/B: several binaries (comma-separated) run alternately, run by run, so they share the machine's load.
        string[][] commands = Environment.GetEnvironmentVariable("SB_BENCH_READY_BINARIES") is { Length: > 0 } binaries
            ? [.. binaries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(b => new[] { b })]
            : [await OperatorProcess.LocateAsync(Repository.Root, shortMode, cancellationToken).ConfigureAwait(false)];
        Console.WriteLine($"  operator: {string.Join(" | ", commands.Select(c => string.Join(' ', c)))}; {count} Projects, Apps, AppBuilds; {runs} runs{(commands.Length > 1 ? " each, alternately" : "")}{(warmUps > 0 ? $" after {warmUps} warm-up runs" : "")}");

        var results = commands.Select(_ => new List<Run>()).ToArray();
        for (var i = -warmUps; i < runs; i++)
        {
            for (var c = 0; c < commands.Length; c++)
            {
                var run = await MeasureOnceAsync(commands[c], count, cancellationToken).ConfigureAwait(false);
                var label = (i < 0 ? $"warm-up {warmUps + i + 1}" : $"run {i + 1}") + (commands.Length > 1 ? $" of {(char)('A' + c)}" : "");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: ready {run.ReadyMs:F1} ms, operator CPU {run.CpuMs:F1} ms (threads' schedstat; /proc stat: user {run.UserMs:F0}, system {run.SystemMs:F0}; {run.MinorFaults} page faults), load average {run.Load}"));
                if (run.Timeline is not null)
                {
                    Console.WriteLine($"    {run.Timeline}");
                }

                if (i >= 0)
                {
                    results[c].Add(run);
                }

                if (i < 0)
                {
                    break; // the warm-up runs warm the API server for all binaries
                }
            }
        }

        for (var c = 0; c < commands.Length; c++)
        {
            Summarise(commands.Length > 1 ? $"{(char)('A' + c)} ({commands[c][0]}): " : "", results[c]);
        }

        return new Figure(Math.Round(Median([.. results[0].Select(x => x.ReadyMs)]), 1), "ms");
    }

    private static void Summarise(string label, List<Run> runs)
    {
        List<double> ready = [.. runs.Select(x => x.ReadyMs)], cpu = [.. runs.Select(x => x.CpuMs)], faults = [.. runs.Select(x => (double)x.MinorFaults)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}ready median {Median(ready):F1} ms (min {ready.Min():F1}, max {ready.Max():F1}); operator CPU to ready median {Median(cpu):F1} ms (min {cpu.Min():F1}, max {cpu.Max():F1}); page faults median {Median(faults):F0}"));
        List<double> toMain = [.. runs.Where(x => x.ToMainMs is not null).Select(x => x.ToMainMs!.Value)], toSynced = [.. runs.Where(x => x.MainToSyncedMs is not null).Select(x => x.MainToSyncedMs!.Value)];
        if (toMain.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}split (medians): Process.Start → Main {Median(toMain):F1} ms (of it Process.Start itself {Median([.. runs.Select(x => x.StartReturnedMs)]):F1}), Main → caches synced {Median(toSynced):F1} ms (min {toSynced.Min():F1}, max {toSynced.Max():F1})"));
        }
    }

    private static async Task<Run> MeasureOnceAsync(string[] command, int count, CancellationToken cancellationToken)
    {
        await using var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { ShapeBlockCrds = true }, cancellationToken).ConfigureAwait(false);
        OperatorBenchmarks.Seed(server, count);
        var load = LoadAverage();
        var launched = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        await using var op = OperatorProcess.Start(command, server.KubeconfigPath, TimeSpan.FromSeconds(10), "Information");
        var startReturned = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await op.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var readyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var threadCpu = op.ThreadCpuMs();
        var (user, system, faults) = op.CpuTime();
        var line = await op.StartupLineAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        var (toMain, toSynced) = line is null ? (null, null) : Split(line, launched);
        var timeline = line is null ? null : toMain is { } m ? string.Create(CultureInfo.InvariantCulture, $"Process.Start → Main {m:F1} ms (Process.Start returned after {startReturned:F1} ms); {line}") : line;
        return new Run(readyMs, threadCpu, user, system, faults, load, timeline, toMain, toSynced, startReturned);
    }

    /// <summary>From the operator's start-up line: Process.Start → Main (the line gives Main's UTC time) and Main → caches synced, in ms.</summary>
    private static (double? ToMain, double? ToSynced) Split(string line, DateTime launched)
    {
        const string Main = "main at ";
        const string Synced = "; caches synced +";
        var at = line.IndexOf(Main, StringComparison.Ordinal);
        var syncedAt = line.IndexOf(Synced, StringComparison.Ordinal);
        if (at < 0 || syncedAt < 0
            || !DateTime.TryParse(line.AsSpan(at + Main.Length, 27), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var main))
        {
            return (null, null);
        }

        var number = line[(syncedAt + Synced.Length)..];
        number = number[..number.IndexOf(' ', StringComparison.Ordinal)];
        return ((main - launched).TotalMilliseconds, double.Parse(number, CultureInfo.InvariantCulture));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed record Run(double ReadyMs, double CpuMs, double UserMs, double SystemMs, long MinorFaults, string Load, string? Timeline, double? ToMainMs, double? MainToSyncedMs, double StartReturnedMs);
}

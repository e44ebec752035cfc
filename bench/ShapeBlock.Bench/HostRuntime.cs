using System.Diagnostics;

namespace ShapeBlock.Bench;

/// <summary>
/// Runtime settings of the benchmark host, which can only be set in the environment, so the host runs itself again
/// as a child with them (unless the first variable is already set; set it to 100, the runtime's default, to measure
/// without either).
/// <list type="bullet">
/// <item>The in-process benchmarks JIT the operator, the API server and the simulators while they measure (the
/// operator ships NativeAOT, without a JIT). The runtime promotes hot methods to optimised code only once 100 ms pass
/// without a new tier-0 compilation, and a burst of thousands of requests keeps postponing that: apps-converge ran its
/// first seconds on unoptimised code (measured: 15% more CPU). That delay (<c>TC_CallCountingDelayMs</c>) goes to 0.</item>
/// <item>A 32 MiB gen0 budget (<c>GCgen0size</c>): the in-memory API server and the simulators allocate ~1.5 MB per
/// app in apps-converge (a real API server is another process) and the default budget collected ~300 times per
/// 1,000 apps; with it ~57 times, 0.8 s less CPU (measured A/B, 2026-11-24). Operator processes the benchmarks start
/// do not inherit it: they run with the settings the operator ships with.</item>
/// </list>
/// </summary>
internal static class HostRuntime
{
    private const string TieringDelay = "DOTNET_TC_CallCountingDelayMs";
    private const string Gen0Size = "DOTNET_GCgen0size";
    private const string HostGen0Marker = "SB_BENCH_HOST_GEN0SIZE";

    /// <summary>Runs this host again as a child with the settings and returns its exit code, or null when this is that child (or it cannot be).</summary>
    /// <param name="args">The command line to pass on.</param>
    /// <returns>The child's exit code, or null to run here.</returns>
    public static async Task<int?> RelaunchAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable(TieringDelay) is not null || Environment.ProcessPath is not { } host)
        {
            return null;
        }

        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Started as `dotnet ShapeBlock.Bench.dll`: the muxer needs the assembly again.
            start.ArgumentList.Add(typeof(HostRuntime).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[TieringDelay] = "0";
        if (Environment.GetEnvironmentVariable(Gen0Size) is null)
        {
            start.Environment[Gen0Size] = "0x2000000"; // hex, as the runtime reads it
            start.Environment[HostGen0Marker] = "1";
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode;
    }

    /// <summary>Removes the host's gen0 budget from a child process's environment (an operator runs with the GC settings it ships with).</summary>
    /// <param name="child">The child's start info.</param>
    public static void KeepFromChild(ProcessStartInfo child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (Environment.GetEnvironmentVariable(HostGen0Marker) is not null)
        {
            child.Environment.Remove(Gen0Size);
            child.Environment.Remove(HostGen0Marker);
        }
    }
}

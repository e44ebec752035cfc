using System.Diagnostics;

namespace ShapeBlock.Bench;

/// <summary>
/// The in-process benchmarks JIT the operator, the API server and the simulators while they measure (the operator
/// ships NativeAOT, without a JIT). The runtime promotes hot methods to optimised code only once 100 ms pass without a
/// new tier-0 compilation, and a burst of thousands of requests keeps postponing that: apps-converge ran its first
/// seconds on unoptimised code (measured: 15% more CPU). That delay (<c>TC_CallCountingDelayMs</c>) is read from the
/// environment only, so the host runs itself again with it at 0, unless the variable is already set (set it to 100,
/// the runtime's default, to measure without).
/// </summary>
internal static class EagerTiering
{
    private const string Variable = "DOTNET_TC_CallCountingDelayMs";

    /// <summary>Runs this host again as a child with the delay at 0 and returns its exit code, or null when this is that child (or it cannot be).</summary>
    /// <param name="args">The command line to pass on.</param>
    /// <returns>The child's exit code, or null to run here.</returns>
    public static async Task<int?> RelaunchAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || Environment.ProcessPath is not { } host)
        {
            return null;
        }

        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Started as `dotnet ShapeBlock.Bench.dll`: the muxer needs the assembly again.
            start.ArgumentList.Add(typeof(EagerTiering).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Variable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode;
    }
}

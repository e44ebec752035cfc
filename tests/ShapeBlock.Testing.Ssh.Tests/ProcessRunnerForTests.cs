using System.Diagnostics;

namespace ShapeBlock.Testing.Ssh.Tests;

/// <summary>Runs a machine command from a test (ip netns list, …).</summary>
internal static class ProcessRunnerForTests
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return (process.ExitCode, output);
    }
}

using System.Diagnostics;
using System.Text.Json;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

/// <summary>The operator as a real process: SIGTERM drains, releases the lease and exits 0; logs are one JSON object per line on request.</summary>
public sealed class ProcessTests : OperatorTest
{
    [Fact]
    public async Task Sigterm_stops_gracefully_releases_the_lease_and_exits_zero()
    {
        await using var leader = OperatorChild.Start(Server.KubeconfigPath, new Dictionary<string, string> { ["LOG_FORMAT"] = "json" });
        await leader.WaitReadyAsync(Bound);
        await Eventually(() => leader.Output.Any(l => l.Contains("Became leader", StringComparison.Ordinal)), "the child operator leads");
        var standby = await StartOperatorAsync(DefaultOptions with { LeaderElection = true });
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");
        Assert.False(standby.IsLeader);

        var exitCode = await leader.TerminateAsync(Bound);
        var exited = Stopwatch.GetTimestamp();

        Assert.Equal(0, exitCode);
        Assert.Contains(leader.Output, l => l.Contains("Released lease", StringComparison.Ordinal));
        // Released, not expired: the standby leads long before the 15 s lease would have run out.
        await Eventually(() => standby.IsLeader, "the standby leads");
        Assert.True(Stopwatch.GetElapsedTime(exited) < TimeSpan.FromSeconds(10), "took over only after the lease expired");

        // Every line is one JSON entry with the message template's values as properties.
        var entries = leader.Output.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("level", out _) && e.TryGetProperty("message", out _) && e.TryGetProperty("category", out _)));
        var starting = Assert.Single(entries, e => e.GetProperty("message").GetString()!.StartsWith("ShapeBlock operator starting", StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:", starting.GetProperty("Server").GetString(), StringComparison.Ordinal);
        Assert.Equal("ShapeBlock operator starting against {Server}", starting.GetProperty("template").GetString());
    }

    [Fact]
    public async Task A_missing_kubeconfig_fails_fast_with_the_reason()
    {
        await using var broken = OperatorChild.Start(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "config"));

        var exitCode = await broken.WaitForExitAsync(Bound);

        Assert.Equal(1, exitCode);
        Assert.Contains(broken.Output, l => l.Contains("crit:", StringComparison.Ordinal) && l.Contains("kubeconfig", StringComparison.OrdinalIgnoreCase));
    }
}

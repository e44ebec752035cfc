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
    public async Task The_caches_synced_line_says_where_the_start_up_time_went()
    {
        CreateProject("shop");
        CreateProject("blog");
        await using var child = OperatorChild.Start(Server.KubeconfigPath, new Dictionary<string, string> { ["LEADER_ELECTION"] = "false" });
        await child.WaitReadyAsync(Bound);
        await Eventually(() => child.Output.Any(l => l.Contains("Caches synced (", StringComparison.Ordinal)), "the operator logs its start-up");

        // The operator-ready benchmark reads this line: Main's UTC time, the milestones in ms after Main with the
        // allocation by then, and each informer's first list with its object count.
        var line = Assert.Single(child.Output, l => l.Contains("Caches synced (", StringComparison.Ordinal));
        var main = line[(line.IndexOf("main at ", StringComparison.Ordinal) + "main at ".Length)..];
        Assert.True(DateTime.TryParse(main[..27], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var at), line);
        Assert.InRange(DateTime.UtcNow - at, TimeSpan.Zero, Bound);
        var milestones = new[] { "; options +", "; configuration +", "; client +", "; host +", "; caches synced +" }.Select(m => line.IndexOf(m, StringComparison.Ordinal)).ToList();
        Assert.All(milestones, i => Assert.True(i > 0, line));
        Assert.Equal(milestones.Order(), milestones);
        Assert.Matches(@"; caches synced \+[0-9.]+ ms [0-9.]+ MiB", line);
        Assert.Matches(@"first lists, ms after Main: projects 2 \+[0-9]+\.\.[0-9]+, teams 0 \+", line);
        Assert.Contains("operator secrets 1 +", line, StringComparison.Ordinal);
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

using System.Globalization;
using ShapeBlock.Operator.Relay.Tests.Infrastructure;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class BuildLogRelayTests
{
    [Fact]
    public async Task Lines_arrive_in_order_without_gaps_or_duplicates_across_a_server_restart()
    {
        var server = await RelayTestServer.StartAsync();
        var port = server.Port;
        await using var relay = RelayHarness.Start(server.Uri);
        Append(relay.Relay, "b1", 0, 200);
        Append(relay.Relay, "b2", 0, 50);
        await Eventually.WaitUntilAsync(() => server.Recording.Logs("b1").Count == 200, "the first 200 lines arrived");

        await server.StopAsync();
        await Eventually.WaitUntilAsync(() => relay.Relay.State != RelayState.Connected, "the relay noticed the server is gone");
        Append(relay.Relay, "b1", 200, 400);

        await using var restarted = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });

        // Appended while the relay reconnects: queued behind the buffered lines.
        Append(relay.Relay, "b1", 400, 600);
        relay.Relay.CompleteBuildLog("b1");
        relay.Relay.CompleteBuildLog("b2");
        await Eventually.WaitUntilAsync(() => restarted.Recording.Logs("b1").Count >= 400, "the remaining 400 lines arrived");

        Assert.Equal(Lines(0, 200), server.Recording.Logs("b1"));
        Assert.Equal(Lines(0, 50), server.Recording.Logs("b2"));
        Assert.Equal(Lines(200, 600), restarted.Recording.Logs("b1"));
        Assert.Empty(restarted.Recording.Logs("b2"));
        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.BufferedBuilds == 0, "finished builds' buffers are released");
        Assert.Equal(0, relay.Relay.Metrics.BufferedLogBytes);
        Assert.Equal(0, relay.Relay.Metrics.LogLinesDropped);
    }

    [Fact]
    public async Task Lines_appended_while_the_server_restarts_mid_stream_are_never_duplicated_or_reordered()
    {
        var server = await RelayTestServer.StartAsync();
        var port = server.Port;
        await using var relay = RelayHarness.Start(server.Uri);
        using var stopWriting = new CancellationTokenSource();
        var next = 0;
        var writer = Task.Run(async () =>
        {
            while (!stopWriting.IsCancellationRequested)
            {
                relay.Relay.AppendBuildLog("b", Line(next++));
                if (next % 10 == 0)
                {
                    // Pacing, so the stream is steady rather than a flood that only exercises the cap.
                    await Task.Delay(1);
                }
            }
        });

        await Eventually.WaitUntilAsync(() => server.Recording.Logs("b").Count >= 300, "lines are streaming");
        await server.StopAsync();
        await using var restarted = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });
        await Eventually.WaitUntilAsync(() => restarted.Recording.Logs("b").Count >= 300, "lines stream again after the restart");
        await stopWriting.CancelAsync();
        await writer.WaitAsync(Eventually.Timeout);
        var last = Line(next - 1);
        await Eventually.WaitUntilAsync(() => restarted.Recording.Logs("b").LastOrDefault() == last, "the last line arrived");

        // A line that reached the kernel just before the crash may be lost (no acks); nothing may repeat or go back.
        var numbers = server.Recording.Logs("b").Concat(restarted.Recording.Logs("b"))
            .Where(l => !l.StartsWith("[shapeblock]", StringComparison.Ordinal))
            .Select(Number)
            .ToList();
        for (var i = 1; i < numbers.Count; i++)
        {
            Assert.True(numbers[i] > numbers[i - 1], $"line {numbers[i]} after line {numbers[i - 1]}");
        }
    }

    [Fact]
    public async Task Exceeding_the_cap_drops_the_oldest_unsent_lines_behind_a_counted_marker()
    {
        var uri = RelayHarness.UnusedUri(out var port);
        await using var relay = RelayHarness.Start(uri, o => o with { MaxBufferedLogBytesPerBuild = 1024 });
        for (var i = 0; i < 50; i++)
        {
            relay.Relay.AppendBuildLog("b", Line(i).PadRight(100, '.'));
        }

        Assert.Equal(40, relay.Relay.Metrics.LogLinesDropped);
        Assert.Equal(4000, relay.Relay.Metrics.LogBytesDropped);
        Assert.Equal(1000, relay.Relay.Metrics.BufferedLogBytes);

        await using var server = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });
        await Eventually.WaitUntilAsync(() => server.Recording.Logs("b").Count >= 11, "the marker and the kept lines arrived");

        var logs = server.Recording.Logs("b");
        Assert.Equal("[shapeblock] 40 log lines (4000 bytes) dropped", logs[0]);
        Assert.Equal(Enumerable.Range(40, 10).Select(i => Line(i).PadRight(100, '.')), logs.Skip(1));
        Assert.Equal(1, relay.Relay.Metrics.LogDropMarkers);
        Assert.Contains(relay.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("40 log lines", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_logs_and_statuses_share_the_connection()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);
        relay.Relay.PublishStatus(new StatusMessage(RelayResourceType.AppBuild, "b", "proj", "Building") { PodName = "b-pod", AppName = "web" });
        Append(relay.Relay, "b", 0, 10);
        relay.Relay.PublishStatus(new StatusMessage(RelayResourceType.AppBuild, "b", "proj", "Completed") { AppName = "web" });

        await Eventually.WaitUntilAsync(
            () => server.Recording.Logs("b").Count == 10 && server.Recording.LatestStatuses().GetValueOrDefault("AppBuild/proj/b") == "Completed",
            "the logs and the final status arrived");
        Assert.Equal(Lines(0, 10), server.Recording.Logs("b"));
    }

    [Fact]
    public async Task A_line_with_a_broken_surrogate_pair_is_delivered_with_a_replacement_character()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);

        relay.Relay.AppendBuildLog("b", "cut \uD83D");
        relay.Relay.AppendBuildLog("b", "next \uDE00 line \U0001F600");

        await Eventually.WaitUntilAsync(() => server.Recording.Logs("b").Count == 2, "both lines arrived");
        Assert.Equal(["cut \uFFFD", "next \uFFFD line \U0001F600"], server.Recording.Logs("b"));
    }

    private static void Append(ServerRelay relay, string buildId, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            relay.AppendBuildLog(buildId, Line(i));
        }
    }

    private static string Line(int i) => string.Create(CultureInfo.InvariantCulture, $"line {i:D6}");

    private static int Number(string line) => int.Parse(line.AsSpan(5, 6), CultureInfo.InvariantCulture);

    private static List<string> Lines(int from, int to) => [.. Enumerable.Range(from, to - from).Select(Line)];
}

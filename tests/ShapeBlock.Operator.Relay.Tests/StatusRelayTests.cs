using ShapeBlock.Operator.Relay.Tests.Infrastructure;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class StatusRelayTests
{
    [Fact]
    public async Task Updates_published_while_disconnected_are_coalesced_to_the_latest()
    {
        var uri = RelayHarness.UnusedUri(out var port);
        await using var relay = RelayHarness.Start(uri);
        for (var i = 0; i < 500; i++)
        {
            relay.Relay.PublishStatus(Statuses.App("web", $"s{i}"));
        }

        relay.Relay.PublishStatus(Statuses.App("api", "Ready"));
        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.ConnectFailures >= 1, "a connect attempt failed");

        await using var server = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });
        var expected = new Dictionary<string, string> { ["App/proj/web"] = "s499", ["App/proj/api"] = "Ready" };
        await Eventually.WaitUntilAsync(() => Statuses.Holds(server.Recording, expected), "the server holds both latest statuses");

        Assert.Equal(1, server.Recording.StatusCount("App/proj/web"));
        Assert.Equal(2, relay.Relay.Metrics.StatusMessagesSent);
        Assert.Equal(2, relay.Relay.Metrics.KnownResources);
    }

    [Fact]
    public async Task Rapid_updates_while_connected_end_with_the_latest_and_never_go_back()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);
        await Eventually.WaitUntilAsync(() => relay.Relay.State == RelayState.Connected, "the relay is connected");

        for (var i = 0; i < 2000; i++)
        {
            relay.Relay.PublishStatus(Statuses.App("web", $"{i}"));
        }

        await Eventually.WaitUntilAsync(
            () => Statuses.Holds(server.Recording, new Dictionary<string, string> { ["App/proj/web"] = "1999" }),
            "the server holds the latest status");

        var received = server.Recording.Statuses.Select(s => int.Parse(s.GetProperty("status").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(received.SequenceEqual(received.Order().Distinct()), "statuses arrive newest-last, each at most once");
        Assert.True(received.Count <= 2000);
    }

    [Fact]
    public async Task Server_down_at_start_then_up_receives_the_latest_status_of_every_resource()
    {
        var uri = RelayHarness.UnusedUri(out var port);
        await using var relay = RelayHarness.Start(uri);
        var expected = PublishRounds(relay.Relay, resources: 50, rounds: 3);
        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.ConnectFailures >= 2, "two connect attempts failed");

        await using var server = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });

        await Eventually.WaitUntilAsync(() => Statuses.Holds(server.Recording, expected), "the server holds every latest status");
        Assert.Equal(RelayState.Connected, relay.Relay.State);
        Assert.Equal(50, server.Recording.LatestStatuses().Count);
    }

    [Fact]
    public async Task Server_restart_gets_every_latest_status_again_with_a_bounded_number_of_reconnects()
    {
        var server = await RelayTestServer.StartAsync();
        var port = server.Port;
        await using var relay = RelayHarness.Start(server.Uri, jitter: new HalfJitter());
        var expected = PublishRounds(relay.Relay, resources: 30, rounds: 2);
        await Eventually.WaitUntilAsync(() => Statuses.Holds(server.Recording, expected), "the first server holds every latest status");

        var down = System.Diagnostics.Stopwatch.StartNew();
        await server.StopAsync();
        await Eventually.WaitUntilAsync(() => relay.Relay.State != RelayState.Connected, "the relay noticed the server is gone");
        for (var i = 0; i < 10; i++)
        {
            var update = Statuses.Resource(i, "after-restart");
            relay.Relay.PublishStatus(update);
            expected[Statuses.Key(update)] = "after-restart";
        }

        await using var restarted = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });
        await Eventually.WaitUntilAsync(() => Statuses.Holds(restarted.Recording, expected), "the restarted server holds every latest status");
        down.Stop();

        Assert.Equal(30, restarted.Recording.LatestStatuses().Count);
        Assert.Equal(2, relay.Relay.Metrics.Connects);
        Assert.Equal(1, restarted.Recording.Accepted);

        // Pinned jitter: retry n waits min(200, 20·2^(n-1))/2 ms, i.e. at least 50 ms once saturated.
        var attemptsWhileDown = relay.Relay.Metrics.ConnectAttempts - 2;
        var bound = 6 + (long)(down.Elapsed.TotalMilliseconds / 50);
        Assert.True(attemptsWhileDown <= bound, $"{attemptsWhileDown} attempts in {down.ElapsedMilliseconds} ms (bound {bound})");
    }

    [Fact]
    public async Task A_forgotten_resource_is_not_resent_after_a_reconnect()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);
        relay.Relay.PublishStatus(Statuses.App("kept", "Ready"));
        relay.Relay.PublishStatus(Statuses.App("deleted", "Deleted"));
        relay.Relay.ForgetStatus(new StatusKey(RelayResourceType.App, "proj", "deleted"));
        await Eventually.WaitUntilAsync(
            () => server.Recording.StatusCount("App/proj/deleted") == 1 && server.Recording.StatusCount("App/proj/kept") == 1,
            "both statuses arrived once");
        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.KnownResources == 1, "the deleted resource is forgotten once sent");

        await server.CloseAllGracefullyAsync();
        await Eventually.WaitUntilAsync(() => server.Recording.StatusCount("App/proj/kept") == 2, "the kept status was resent on reconnect");

        Assert.Equal(1, server.Recording.StatusCount("App/proj/deleted"));
    }

    private static Dictionary<string, string> PublishRounds(ServerRelay relay, int resources, int rounds)
    {
        var expected = new Dictionary<string, string>();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < resources; i++)
            {
                var status = Statuses.Resource(i, $"round-{round}");
                relay.PublishStatus(status);
                expected[Statuses.Key(status)] = status.Status;
            }
        }

        return expected;
    }
}

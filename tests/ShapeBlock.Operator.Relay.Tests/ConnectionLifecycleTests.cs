using System.Diagnostics;
using ShapeBlock.Operator.Relay.Tests.Infrastructure;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class ConnectionLifecycleTests
{
    [Fact]
    public async Task A_graceful_server_close_is_answered_and_the_relay_reconnects_and_resends()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);
        relay.Relay.PublishStatus(Statuses.App("web", "Ready"));
        await Eventually.WaitUntilAsync(() => server.Recording.StatusCount("App/proj/web") == 1, "the status arrived");

        await server.CloseAllGracefullyAsync();

        await Eventually.WaitUntilAsync(
            () => server.Recording.CleanCloses == 1 && server.Recording.Accepted == 2 && server.Recording.StatusCount("App/proj/web") == 2,
            "the close handshake completed and the status was resent on a new connection");
        Assert.Equal(RelayState.Connected, relay.Relay.State);
        Assert.Equal(1, relay.Relay.Metrics.Disconnects);
        Assert.Equal(2, relay.Relay.Metrics.Connects);
    }

    [Fact]
    public async Task Server_pings_are_answered_so_the_connection_stays_up()
    {
        // The server pings every 50 ms and aborts a connection whose pong is a second late.
        var options = new TestServerOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(50), KeepAliveTimeout = TimeSpan.FromSeconds(1) };
        await using var server = await RelayTestServer.StartAsync(options);
        await using var relay = RelayHarness.Start(server.Uri);
        await Eventually.WaitUntilAsync(() => relay.Relay.State == RelayState.Connected, "the relay is connected");

        await Eventually.WaitUntilAsync(
            () => server.Recording.OpenConnections.Any(c => c.Age > TimeSpan.FromSeconds(2.5)) || server.Recording.Accepted > 1,
            "the connection has lived through many ping rounds, or was dropped");

        Assert.Equal(1, server.Recording.Accepted);
        Assert.Equal(0, relay.Relay.Metrics.Disconnects);
        Assert.Equal(RelayState.Connected, relay.Relay.State);
    }

    [Fact]
    public async Task A_peer_that_stops_answering_pings_is_detected_and_replaced()
    {
        var options = new TestServerOptions { Mode = n => n == 1 ? ServerMode.NeverRead : ServerMode.Record };
        await using var server = await RelayTestServer.StartAsync(options);
        await using var relay = RelayHarness.Start(server.Uri, o => o with
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(50),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(300),
        });
        relay.Relay.PublishStatus(Statuses.App("web", "Ready"));

        await Eventually.WaitUntilAsync(
            () => server.Recording.Accepted >= 2 && server.Recording.StatusCount("App/proj/web") >= 1,
            "the relay gave up on the silent connection and delivered on a new one");
        Assert.True(relay.Relay.Metrics.Disconnects >= 1);
    }

    [Fact]
    public async Task A_server_that_accepts_and_drops_every_connection_does_not_cause_a_reconnect_storm()
    {
        await using var server = await RelayTestServer.StartAsync(new TestServerOptions { Mode = _ => ServerMode.CloseImmediately });
        var clock = Stopwatch.StartNew();
        await using var relay = RelayHarness.Start(server.Uri, jitter: new HalfJitter());

        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.Disconnects >= 8, "eight short-lived connections");
        clock.Stop();

        // Short-lived connections keep growing the backoff: with pinned jitter the first 8 waits are
        // 10 + 20 + 40 + 80 + 100 + 100 + 100 ms; a storm would reconnect at once every time.
        Assert.True(clock.ElapsedMilliseconds >= 420, $"8 reconnects took only {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Stopping_closes_the_websocket_gracefully()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);
        await Eventually.WaitUntilAsync(() => relay.Relay.State == RelayState.Connected, "the relay is connected");

        await relay.DisposeAsync();

        await Eventually.WaitUntilAsync(() => server.Recording.CleanCloses == 1, "the server saw a clean close");
        Assert.True(relay.Run.IsCompletedSuccessfully);
        Assert.Equal(RelayState.Disconnected, relay.Relay.State);
        Assert.Equal(1, relay.Relay.Metrics.Disconnects);
    }

    [Fact]
    public async Task The_relay_runs_once_and_disposing_stops_it()
    {
        var relay = new ServerRelay(RelayHarness.Options(RelayHarness.UnusedUri(out _)));
        var run = relay.RunAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => relay.RunAsync(CancellationToken.None));
        await relay.DisposeAsync().AsTask().WaitAsync(Eventually.Timeout);

        Assert.True(run.IsCompleted);
        await run;
        Assert.Equal(RelayState.Disconnected, relay.State);
    }

    [Fact]
    public async Task A_disposed_relay_refuses_to_run()
    {
        var relay = new ServerRelay(RelayHarness.Options(RelayHarness.UnusedUri(out _)));
        await relay.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => relay.RunAsync(CancellationToken.None)).WaitAsync(Eventually.Timeout);
    }
}

using ShapeBlock.Operator.Relay.Tests.Infrastructure;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Sends_bearer_key_and_user_agent_and_no_query_key_by_default()
    {
        await using var server = await RelayTestServer.StartAsync();
        await using var relay = RelayHarness.Start(server.Uri);

        await Eventually.WaitUntilAsync(() => relay.Relay.State == RelayState.Connected, "the relay is connected");

        var handshake = Assert.Single(server.Recording.Handshakes);
        Assert.Equal($"Bearer {RelayHarness.ApiKey}", handshake.Authorization);
        Assert.Matches(@"^ShapeBlock-Operator/\d+\.\d+\.\d+", handshake.UserAgent);
        Assert.Equal(string.Empty, handshake.QueryString);
    }

    [Fact]
    public async Task Query_string_key_is_sent_only_when_opted_in_and_keeps_the_existing_query()
    {
        await using var server = await RelayTestServer.StartAsync();
        var uri = new Uri(server.Uri, "?cluster=c1");
        await using var relay = RelayHarness.Start(uri, o => o with { UseQueryStringKey = true, UserAgent = "ShapeBlock-Operator/9.9.9" });

        await Eventually.WaitUntilAsync(() => relay.Relay.State == RelayState.Connected, "the relay is connected");

        var handshake = Assert.Single(server.Recording.Handshakes);
        Assert.Equal($"?cluster=c1&api_key={Uri.EscapeDataString(RelayHarness.ApiKey)}", handshake.QueryString);
        Assert.Equal($"Bearer {RelayHarness.ApiKey}", handshake.Authorization);
        Assert.Equal("ShapeBlock-Operator/9.9.9", handshake.UserAgent);
    }

    [Fact]
    public async Task A_rejected_handshake_is_retried_with_backoff_and_counted()
    {
        await using var server = await RelayTestServer.StartAsync(new TestServerOptions { RejectStatus = 401 });
        await using var relay = RelayHarness.Start(server.Uri);

        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.ConnectFailures >= 3, "three handshakes were rejected");

        Assert.Equal(0, relay.Relay.Metrics.Connects);
        Assert.NotEqual(RelayState.Connected, relay.Relay.State);
        Assert.Contains(relay.Logs.Entries, e => e.Message.Contains("HTTP 401", StringComparison.Ordinal));
    }
}

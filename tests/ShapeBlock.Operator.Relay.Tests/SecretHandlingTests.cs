using ShapeBlock.Operator.Relay.Tests.Infrastructure;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class SecretHandlingTests
{
    private static readonly string[] SecretForms = [RelayHarness.ApiKey, Uri.EscapeDataString(RelayHarness.ApiKey)];

    [Fact]
    public async Task The_key_never_reaches_the_logs_even_in_query_string_mode()
    {
        // Refused, rejected (401), connected, dropped and stopped: every log path, with the key in the URL.
        var uri = RelayHarness.UnusedUri(out var port);
        await using var relay = RelayHarness.Start(uri, o => o with { UseQueryStringKey = true });
        relay.Relay.PublishStatus(Statuses.App("web", "Ready"));
        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.ConnectFailures >= 1, "a refused connect");

        var rejecting = await RelayTestServer.StartAsync(new TestServerOptions { Port = port, RejectStatus = 401 });
        await Eventually.WaitUntilAsync(() => rejecting.Recording.Handshakes.Count >= 1, "a rejected handshake");
        await rejecting.StopAsync();

        await using var server = await RelayTestServer.StartAsync(new TestServerOptions { Port = port });
        await Eventually.WaitUntilAsync(() => server.Recording.StatusCount("App/proj/web") >= 1, "a delivered status");
        await server.CloseAllGracefullyAsync();
        await Eventually.WaitUntilAsync(() => relay.Relay.Metrics.Connects >= 2, "a reconnect");
        await relay.DisposeAsync();

        var entries = relay.Logs.Entries;
        Assert.Contains(entries, e => e.Message.Contains("HTTP 401", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
        foreach (var entry in entries)
        {
            foreach (var secret in SecretForms)
            {
                Assert.DoesNotContain(secret, entry.AllText, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Options_text_and_validation_errors_never_contain_the_key()
    {
        var options = new RelayOptions(new Uri("wss://relay.example.com/ws?legacy=1"), RelayHarness.ApiKey);
        var text = options.ToString();
        Assert.DoesNotContain(RelayHarness.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);

        var multiLine = options with { ApiKey = RelayHarness.ApiKey + "\nX-Injected: 1" };
        var invalid = Assert.Throws<ArgumentException>(multiLine.Validate);
        Assert.DoesNotContain(RelayHarness.ApiKey, invalid.ToString(), StringComparison.Ordinal);

        var ctor = Assert.Throws<ArgumentException>(() => new ServerRelay(multiLine));
        Assert.DoesNotContain(RelayHarness.ApiKey, ctor.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_from_environment()
    {
        var environment = new Dictionary<string, string?>();
        Assert.Null(RelayOptions.FromEnvironment(environment.GetValueOrDefault));

        environment[RelayOptions.UrlVariable] = "not a uri ?api_key=" + RelayHarness.ApiKey;
        environment[RelayOptions.ApiKeyVariable] = RelayHarness.ApiKey;
        var bad = Assert.Throws<InvalidOperationException>(() => RelayOptions.FromEnvironment(environment.GetValueOrDefault));
        Assert.DoesNotContain(RelayHarness.ApiKey, bad.Message, StringComparison.Ordinal);

        environment[RelayOptions.UrlVariable] = "wss://relay.example.com/ws";
        environment[RelayOptions.ApiKeyVariable] = "  ";
        Assert.Throws<InvalidOperationException>(() => RelayOptions.FromEnvironment(environment.GetValueOrDefault));

        environment[RelayOptions.ApiKeyVariable] = RelayHarness.ApiKey;
        var options = RelayOptions.FromEnvironment(environment.GetValueOrDefault);
        Assert.NotNull(options);
        Assert.Equal(new Uri("wss://relay.example.com/ws"), options.Uri);
        Assert.Equal(RelayHarness.ApiKey, options.ApiKey);
        Assert.False(options.UseQueryStringKey);
    }

    [Fact]
    public void The_redactor_masks_raw_and_escaped_forms()
    {
        var redactor = new SecretRedactor(RelayHarness.ApiKey);
        var leaky = new InvalidOperationException(
            $"GET /relay?api_key={Uri.EscapeDataString(RelayHarness.ApiKey)} failed",
            new IOException($"key {RelayHarness.ApiKey} rejected"));

        var described = redactor.Describe(leaky);

        Assert.Equal("InvalidOperationException: GET /relay?api_key=*** failed ---> IOException: key *** rejected", described);
    }
}

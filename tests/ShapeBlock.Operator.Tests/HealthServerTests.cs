using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Health;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

/// <summary>The socket-based health server, spoken to over real loopback connections (HttpClient and raw bytes).</summary>
/// <summary>Runs alone: its timing-sensitive socket cases (stalls, resets, split packets) must not share the cores with operator tests.</summary>
[CollectionDefinition(nameof(HealthServerTests), DisableParallelization = true)]
public sealed class HealthServerTestsCollection;

[Collection(nameof(HealthServerTests))]
public sealed class HealthServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly CapturingLoggerProvider logs = new();
    private readonly CancellationTokenSource stop = new();
    private readonly MetricsRegistry registry = new();
    private ILoggerFactory loggers = null!;
    private HealthServer server = null!;
    private Task run = Task.CompletedTask;
    private volatile bool ready;

    private Uri BaseUri => new($"http://127.0.0.1:{server.LocalEndPoint!.Port}/");

    public Task InitializeAsync()
    {
        loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        registry.CreateCounter("test_things_total", "Things.").Inc(3);
        server = new HealthServer("http://127.0.0.1:0/", () => ready, registry, loggers.CreateLogger<HealthServer>(), TimeSpan.FromMilliseconds(500));
        server.Start();
        run = server.RunAsync(stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
        server.Dispose();
        stop.Dispose();
        loggers.Dispose();
    }

    [Fact]
    public async Task Serves_healthz_readyz_after_sync_metrics_and_404_otherwise()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = Bound };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("readyz")).StatusCode);
        ready = true;
        var readyz = await http.GetAsync("readyz?verbose=1");
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal("ok", await readyz.Content.ReadAsStringAsync());

        var metrics = await http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("test_things_total 3", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("healthz/extra")).StatusCode);
    }

    [Fact]
    public async Task Answers_one_request_per_connection_and_closes_it()
    {
        var response = await ExchangeAsync("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 2\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nok", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST /readyz HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405 ")]
    [InlineData("DELETE /metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 405 ")]
    [InlineData("GARBAGE\r\n\r\n", "HTTP/1.1 400 ")]
    [InlineData("GET healthz HTTP/1.1\r\n\r\n", "HTTP/1.1 400 ")]
    [InlineData("GET /healthz SPDY/3\r\n\r\n", "HTTP/1.1 400 ")]
    public async Task Other_methods_and_malformed_requests_are_refused(string request, string expected)
    {
        var response = await ExchangeAsync(request);

        Assert.StartsWith(expected, response, StringComparison.Ordinal);
        if (expected.Contains("405", StringComparison.Ordinal))
        {
            Assert.Contains("\r\nAllow: GET\r\n", response, StringComparison.Ordinal);
        }

        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_oversized_request_gets_431_and_the_server_goes_on()
    {
        var huge = "GET /healthz HTTP/1.1\r\nX-Padding: " + new string('a', HealthServer.MaxRequestBytes) + "\r\n\r\n";

        var response = await ExchangeAsync(huge);

        Assert.StartsWith("HTTP/1.1 431 ", response, StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_request_split_over_several_packets_is_read_whole()
    {
        using var client = await ConnectAsync();
        foreach (var part in new[] { "GET /hea", "lthz HTTP/1.1\r\nHost: x\r", "\n", "\r\n" })
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(part));
            await Task.Yield();
        }

        Assert.StartsWith("HTTP/1.1 200 OK", await ReadToEndAsync(client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_stalls_is_dropped_after_the_request_timeout_without_blocking_others()
    {
        using var stalled = await ConnectAsync();
        await stalled.SendAsync("GET /healthz HTTP/1.1\r\n"u8.ToArray());

        await AssertStillServesAsync(); // while the stalled one waits
        var started = DateTime.UtcNow;
        var rest = await ReadToEndAsync(stalled); // the server closes it: read returns 0

        Assert.Equal("", rest);
        Assert.True(DateTime.UtcNow - started < Bound);
    }

    [Fact]
    public async Task Clients_that_disconnect_at_once_do_not_stop_the_server()
    {
        for (var i = 0; i < 2 * HealthServer.MaxConnections; i++)
        {
            using var client = await ConnectAsync();
            if (i % 2 == 0)
            {
                await client.SendAsync("GET /metr"u8.ToArray());
            }
        }

        await AssertStillServesAsync();
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void A_port_in_use_is_reported_with_the_endpoint()
    {
        using var other = new HealthServer($"http://127.0.0.1:{server.LocalEndPoint!.Port}/", () => true, registry, loggers.CreateLogger<HealthServer>());

        Assert.ThrowsAny<SocketException>(() => other.Start());
        Assert.Contains(logs.Lines, l => l.Contains("Cannot serve health and metrics on 127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_addresses_are_served_over_ipv4_and_ipv6()
    {
        using var all = new HealthServer("http://+:0/", () => true, registry, loggers.CreateLogger<HealthServer>());
        var port = all.Start().Port;
        using var stopAll = new CancellationTokenSource();
        var serving = all.RunAsync(stopAll.Token);
        using var http = new HttpClient { Timeout = Bound };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode);
        if (Socket.OSSupportsIPv6)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://[::1]:{port}/healthz")).StatusCode);
        }

        Assert.False(serving.IsCompleted);
        await stopAll.CancelAsync();
        await serving.WaitAsync(Bound);
    }

    [Theory]
    [InlineData("http://+:8081/", "0.0.0.0", 8081)]
    [InlineData("http://*:9000", "0.0.0.0", 9000)]
    [InlineData("http://127.0.0.1:0/", "127.0.0.1", 0)]
    [InlineData("http://localhost:8081/", "127.0.0.1", 8081)]
    [InlineData("http://[::1]:8081/", "::1", 8081)]
    public void Health_address_forms_are_parsed(string address, string ip, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(ip), port), HealthServer.ParseAddress(address));
    }

    [Theory]
    [InlineData("https://+:8081/")]
    [InlineData("http://+/")]
    [InlineData("http://+:http/")]
    [InlineData("http://+:70000/")]
    [InlineData("http://health.local:8081/")]
    public void A_bad_health_address_names_the_variable_and_the_fix(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => HealthServer.ParseAddress(address));

        Assert.Contains($"HEALTH_ADDRESS '{address}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://+:8081/", error.Message, StringComparison.Ordinal);
    }

    private async Task AssertStillServesAsync()
    {
        var response = await ExchangeAsync("GET /healthz HTTP/1.1\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
    }

    private async Task<string> ExchangeAsync(string request)
    {
        using var client = await ConnectAsync();
        try
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(request));
        }
        catch (SocketException)
        {
            // The server may answer (and close) before an oversized request is fully sent.
        }

        return await ReadToEndAsync(client);
    }

    private async Task<Socket> ConnectAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Bound);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint!.Port), timeout.Token);
        return client;
    }

    private static async Task<string> ReadToEndAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException) when (text.Length > 0)
        {
            // A reset after the whole response (unread request bytes on the server side) ends it too.
        }

        return text.ToString();
    }
}

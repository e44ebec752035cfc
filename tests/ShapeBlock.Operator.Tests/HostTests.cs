using System.Net;
using System.Net.Sockets;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

public sealed class HostTests : OperatorTest
{
    [Fact]
    public async Task Health_readiness_and_metrics_are_served()
    {
        var port = FreePort();
        var host = await StartOperatorAsync(DefaultOptions with { HealthAddress = $"http://127.0.0.1:{port}/" });
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");
        await Eventually(() => host.ReconcileCount("project") > 0, "a counted reconcile");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("readyz")).StatusCode);
        var metrics = await http.GetStringAsync("metrics");
        Assert.Contains("shapeblock_reconcile_total{controller=\"project\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("shapeblock_workqueue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("shapeblock_reconcile_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("nope")).StatusCode);
    }

    [Fact]
    public async Task An_unreachable_shapeblock_server_does_not_stop_reconciling()
    {
        var closedPort = FreePort();
        var host = await StartOperatorAsync(DefaultOptions with { WebSocketUrl = new Uri($"ws://127.0.0.1:{closedPort}/ws"), ApiKey = "sk-relay-key-123" });

        CreateProject("shop");

        await WaitForProjectAsync("shop", "Active");
        Assert.True(host.IsReady);
        Assert.DoesNotContain(Logs.Lines, l => l.Contains("sk-relay-key-123", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

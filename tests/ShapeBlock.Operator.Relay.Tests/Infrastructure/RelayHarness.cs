using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>A running <see cref="ServerRelay"/> with test-sized timings and a capturing logger.</summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    /// <summary>Contains characters that URL-escaping changes, so both forms can be checked for leaks.</summary>
    public const string ApiKey = "sbk_T3st+Secret/Key=42";

    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggerFactory _loggerFactory;
    private bool _disposed;

    private RelayHarness(RelayOptions options, Random? jitter)
    {
        Logs = new CapturingLoggerProvider();
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        var logger = _loggerFactory.CreateLogger<ServerRelay>();
        Relay = jitter is null ? new ServerRelay(options, logger) : new ServerRelay(options, logger, null, jitter);
        Run = Relay.RunAsync(_stop.Token);
    }

    public ServerRelay Relay { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>The relay's RunAsync.</summary>
    public Task Run { get; }

    /// <summary>Small backoff (20 … 200 ms) so reconnect tests finish quickly.</summary>
    public static RelayOptions Options(Uri uri) => new(uri, ApiKey)
    {
        BackoffMin = TimeSpan.FromMilliseconds(20),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CloseTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Starts a relay; <paramref name="jitter"/> replaces the random jitter (e.g. to pin delays).</summary>
    public static RelayHarness Start(Uri uri, Func<RelayOptions, RelayOptions>? configure = null, Random? jitter = null)
    {
        var options = Options(uri);
        return new RelayHarness(configure is null ? options : configure(options), jitter);
    }

    /// <summary>A loopback URI on which nothing listens (yet): the port was free a moment ago.</summary>
    public static Uri UnusedUri(out int port)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"ws://127.0.0.1:{port}/relay");
    }

    /// <summary>Stops the relay and waits, within a deadline, for RunAsync to finish.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(Eventually.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        await Relay.DisposeAsync();
        _loggerFactory.Dispose();
        _stop.Dispose();
    }
}

using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>Test server settings.</summary>
internal sealed record TestServerOptions
{
    /// <summary>0 = an ephemeral port.</summary>
    public int Port { get; init; }

    /// <summary>Per connection number (1-based), how to treat it.</summary>
    public Func<int, ServerMode> Mode { get; init; } = _ => ServerMode.Record;

    /// <summary>Refuse the upgrade with this HTTP status.</summary>
    public int? RejectStatus { get; init; }

    /// <summary>Server pings: interval, and how long a pong may take before the server aborts.</summary>
    public TimeSpan? KeepAliveInterval { get; init; }

    public TimeSpan? KeepAliveTimeout { get; init; }
}

/// <summary>A real Kestrel websocket endpoint on 127.0.0.1 standing in for the ShapeBlock server.</summary>
internal sealed class RelayTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private RelayTestServer(WebApplication app, ServerRecording recording)
    {
        _app = app;
        Recording = recording;
    }

    public ServerRecording Recording { get; }

    public int Port { get; private set; }

    public Uri Uri => new($"ws://127.0.0.1:{Port}/relay");

    public static async Task<RelayTestServer> StartAsync(TestServerOptions? options = null, ServerRecording? recording = null)
    {
        options ??= new TestServerOptions();
        recording ??= new ServerRecording();

        // Restarting on the port just released can briefly fail to bind; retry within a deadline.
        var deadline = DateTime.UtcNow + Eventually.Timeout;
        while (true)
        {
            var server = Create(options, recording);
            try
            {
                await server._app.StartAsync();
                var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                server.Port = new Uri(address).Port;
                return server;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await server._app.DisposeAsync();
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Sends a normal close to every open connection (their handlers then record the clean close).</summary>
    public async Task CloseAllGracefullyAsync()
    {
        foreach (var connection in Recording.OpenConnections)
        {
            await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "server going away", CancellationToken.None);
        }
    }

    /// <summary>Stops the server; open websockets are aborted, as in a crash or a pod kill.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static RelayTestServer Create(TestServerOptions options, ServerRecording recording)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var webSocketOptions = new WebSocketOptions();
        if (options.KeepAliveInterval is { } interval)
        {
            webSocketOptions.KeepAliveInterval = interval;
        }

        if (options.KeepAliveTimeout is { } keepAliveTimeout)
        {
            webSocketOptions.KeepAliveTimeout = keepAliveTimeout;
        }

        app.UseWebSockets(webSocketOptions);
        var stopping = app.Lifetime.ApplicationStopping;
        app.Run(context => HandleAsync(context, options, recording, stopping));
        return new RelayTestServer(app, recording);
    }

    private static async Task HandleAsync(HttpContext context, TestServerOptions options, ServerRecording recording, CancellationToken stopping)
    {
        if (context.Request.Path != "/relay" || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Request.Headers;
        recording.AddHandshake(new Handshake(headers.Authorization.ToString(), headers.UserAgent.ToString(), context.Request.QueryString.Value ?? string.Empty));
        if (options.RejectStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = recording.Opened(socket);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
        using var abortOnStop = ended.Token.Register(socket.Abort);
        var clean = false;
        try
        {
            clean = options.Mode(connection.Number) switch
            {
                ServerMode.CloseImmediately => await CloseAsync(socket),
                ServerMode.NeverRead => await IdleAsync(ended.Token),
                _ => await RecordAsync(socket, recording),
            };
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by the client or by stopping: not a clean close.
        }
        finally
        {
            recording.Closed(connection, clean);
        }
    }

    private static async Task<bool> RecordAsync(WebSocket socket, ServerRecording recording)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

                return true;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                recording.Add(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
            }
        }
    }

    private static async Task<bool> CloseAsync(WebSocket socket)
    {
        // CloseAsync returns once the client has answered with its own close frame.
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "go away", CancellationToken.None);
        return socket.State == WebSocketState.Closed;
    }

    private static async Task<bool> IdleAsync(CancellationToken ended)
    {
        await Task.Delay(Timeout.Infinite, ended);
        return false;
    }
}

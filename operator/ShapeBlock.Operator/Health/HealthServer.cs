using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Health;

/// <summary>
/// <c>/healthz</c> (the process is alive), <c>/readyz</c> (caches synced) and <c>/metrics</c> (Prometheus)
/// on a plain socket: a minimal HTTP/1.1 responder (GET only, one request per connection, bounded request
/// size and time). Far lighter than a web framework, and without HttpListener's platform layer.
/// </summary>
internal sealed class HealthServer : IDisposable
{
    /// <summary>Largest request head accepted; probes and scrapers send a few hundred bytes.</summary>
    internal const int MaxRequestBytes = 8 * 1024;

    /// <summary>Connections served at once; more wait in the listen backlog until one ends (a probe waits, it is not dropped).</summary>
    internal const int MaxConnections = 32;

    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
    private readonly IPEndPoint endpoint;
    private readonly Func<bool> ready;
    private readonly MetricsRegistry registry;
    private readonly ILogger logger;
    private readonly TimeSpan requestTimeout;
    private Socket? listener;
    private readonly SemaphoreSlim slots = new(MaxConnections, MaxConnections);

    /// <summary>Creates the server; nothing listens before <see cref="Start"/> or <see cref="RunAsync"/>.</summary>
    /// <param name="address">Where to listen, e.g. <c>http://+:8081/</c> or <c>http://127.0.0.1:9000/</c>.</param>
    /// <param name="ready">Whether <c>/readyz</c> answers 200.</param>
    /// <param name="registry">The metrics served on <c>/metrics</c>.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="requestTimeout">How long a client may take to send its request (default 5 s).</param>
    public HealthServer(string address, Func<bool> ready, MetricsRegistry registry, ILogger logger, TimeSpan? requestTimeout = null)
    {
        endpoint = ParseAddress(address);
        this.ready = ready;
        this.registry = registry;
        this.logger = logger;
        this.requestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>The bound endpoint (with the real port when the address asked for port 0).</summary>
    public IPEndPoint? LocalEndPoint => listener?.LocalEndPoint as IPEndPoint;

    /// <summary>Parses <c>HEALTH_ADDRESS</c>: <c>http://HOST:PORT/</c> where HOST is <c>+</c>, <c>*</c>, an IP address or <c>localhost</c>.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The endpoint to bind.</returns>
    /// <exception cref="ArgumentException">The address is not of that form.</exception>
    internal static IPEndPoint ParseAddress(string address)
    {
        const string Fix = "set HEALTH_ADDRESS to http://HOST:PORT/ with HOST '+', '*', an IP address or 'localhost', e.g. http://+:8081/";
        if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"HEALTH_ADDRESS '{address}' is not an http:// address; {Fix}", nameof(address));
        }

        var hostPort = address["http://".Length..].TrimEnd('/');
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"HEALTH_ADDRESS '{address}' has no valid port; {Fix}", nameof(address));
        }

        var host = hostPort[..colon];
        IPAddress? ip = host switch
        {
            "+" or "*" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        return ip is null
            ? throw new ArgumentException($"HEALTH_ADDRESS '{address}' has host '{host}', which is not an IP address; {Fix}", nameof(address))
            : new IPEndPoint(ip, port);
    }

    /// <summary>Binds and listens (errors surface here: port in use, no permission).</summary>
    /// <returns>The bound endpoint.</returns>
    public IPEndPoint Start()
    {
        if (listener is not null)
        {
            return LocalEndPoint!;
        }

        // "All addresses": IPv6 and IPv4 on one dual-mode socket where the kernel has IPv6 (IPv6-only and
        // dual-stack clusters probe the pod's IPv6 address), else IPv4 only.
        var bind = endpoint.Address.Equals(IPAddress.Any) && Socket.OSSupportsIPv6 ? new IPEndPoint(IPAddress.IPv6Any, endpoint.Port) : endpoint;
        var socket = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (bind.AddressFamily == AddressFamily.InterNetworkV6 && bind.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            if (OperatingSystem.IsLinux())
            {
                // Plain SO_REUSEADDR (rebind despite TIME_WAIT after a restart); .NET's ReuseAddress also sets
                // SO_REUSEPORT, which would let a second process bind the same port.
                socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            }

            socket.Bind(bind);
            socket.Listen(64);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            // Without probes the pod would be restarted anyway: say why, loudly.
            logger.LogError("Cannot serve health and metrics on {Endpoint}: {Error}", bind, e.Message);
            throw;
        }

        listener = socket;
        logger.LogInformation("Health and metrics on http://{Endpoint}/", LocalEndPoint);
        return LocalEndPoint!;
    }

    /// <summary>Accepts connections until cancelled; a failing connection never stops the loop.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that ends when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (listener is null)
        {
            Start();
        }

        var socket = listener!;
        using var registration = cancellationToken.Register(socket.Dispose);
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                // At the cap, stop accepting: further clients queue in the kernel's backlog until a connection ends.
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                client = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                slots.Release();
                break;
            }
            catch (Exception e)
            {
                slots.Release();
                // E.g. out of file descriptors: back off briefly instead of spinning, then accept again.
                logger.LogWarning("Health server: accept failed: {Error}", e.Message);
                try
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => listener?.Dispose(); // slots stay: a connection still ending releases its slot after this

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield(); // off the accept loop
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(requestTimeout);
            var request = await HealthRequest.ReadAsync(client, MaxRequestBytes, deadline.Token).ConfigureAwait(false);
            var (status, contentType, body) = Respond(request);
            await WriteAsync(client, status, contentType, body, deadline.Token).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Send);
            if (status is 400 or 405 or 431)
            {
                // Unread request bytes would make close() send a reset that can destroy the answer before
                // the client reads it: read what is left (bounded by the deadline and a byte cap) first.
                await DrainAsync(client, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or was too slow: nothing to answer.
        }
        catch (Exception e)
        {
            logger.LogWarning("Health server: request failed: {Error}", e.Message);
        }
        finally
        {
            client.Dispose();
            slots.Release();
        }
    }

    private (int Status, string ContentType, byte[] Body) Respond(HealthRequest request)
    {
        if (request.Error is { } error)
        {
            return (error, "text/plain", Encoding.ASCII.GetBytes(Reason(error).ToLowerInvariant()));
        }

        if (request.Method != "GET")
        {
            return (405, "text/plain", "only GET"u8.ToArray());
        }

        switch (request.Path)
        {
            case "/healthz":
                return (200, "text/plain", "ok"u8.ToArray());
            case "/readyz":
                return ready() ? (200, "text/plain", "ok"u8.ToArray()) : (503, "text/plain", "caches not synced"u8.ToArray());
            case "/metrics":
                return (200, "text/plain; version=0.0.4; charset=utf-8", Encoding.UTF8.GetBytes(registry.Export()));
            default:
                return (404, "text/plain", "not found"u8.ToArray());
        }
    }

    private static async Task WriteAsync(Socket client, int status, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        var allow = status == 405 ? "Allow: GET\r\n" : "";
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n");
        var response = new byte[head.Length + body.Length];
        head.CopyTo(response, 0);
        body.CopyTo(response, head.Length);
        var sent = 0;
        while (sent < response.Length)
        {
            sent += await client.SendAsync(response.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        for (var total = 0; total < 16 * MaxRequestBytes;)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            total += read;
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    };
}

using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Relays resource statuses and build logs to the ShapeBlock server over one websocket, reconnecting
/// with exponential backoff and full jitter. Publishing never blocks and nothing is lost across
/// reconnects: the latest status of every resource is resent on each connect, and build logs resume
/// after the last line sent (within a per-build byte cap; drops are counted and marked in the stream).
/// </summary>
public sealed class ServerRelay : IAsyncDisposable
{
    private readonly RelayOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly string _loggableUri;
    private readonly StatusOutbox _statuses;
    private readonly BuildLogOutbox _logs;
    private readonly Random _jitter;
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _runGate = new();
    private Task? _run;
    private bool _isDisposed;
    private int _state;

    /// <summary>Creates a relay; it connects once <see cref="RunAsync"/> is called.</summary>
    /// <param name="options">Where and how to connect; validated here.</param>
    /// <param name="logger">Structured log; receives no secrets.</param>
    /// <param name="timeProvider">Clock for timestamps and backoff delays; defaults to the system clock.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ServerRelay(RelayOptions options, ILogger<ServerRelay>? logger = null, TimeProvider? timeProvider = null)
        : this(options, logger, timeProvider, Random.Shared)
    {
    }

    /// <summary>Tests fix the jitter to make backoff timings predictable.</summary>
    internal ServerRelay(RelayOptions options, ILogger<ServerRelay>? logger, TimeProvider? timeProvider, Random jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<ServerRelay>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _redactor = new SecretRedactor(options.ApiKey);
        _loggableUri = RelayOptions.RedactedUri(options.Uri);
        _statuses = new StatusOutbox(Metrics);
        _logs = new BuildLogOutbox(options.MaxBufferedLogBytesPerBuild, Metrics);
        _jitter = jitter;
    }

    /// <summary>The relay's counters and gauges.</summary>
    public RelayMetrics Metrics { get; } = new();

    /// <summary>The connection state right now.</summary>
    public RelayState State => (RelayState)Volatile.Read(ref _state);

    /// <summary>Records a resource's latest status; it is sent as soon as connected. Never blocks.</summary>
    /// <param name="status">The status; a default <see cref="StatusMessage.Timestamp"/> is set to now.</param>
    public void PublishStatus(StatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentException.ThrowIfNullOrEmpty(status.Name);
        if (status.Timestamp == default)
        {
            status = status with { Timestamp = _time.GetUtcNow() };
        }

        _statuses.Publish(status);
        _wake.Set();
    }

    /// <summary>
    /// Stops resending a deleted resource's status on reconnect, once its latest status (typically a
    /// final one) has been sent. Never blocks.
    /// </summary>
    /// <param name="key">The resource.</param>
    public void ForgetStatus(StatusKey key) => _statuses.Forget(key);

    /// <summary>Appends a line to a build's log; it is sent in order, once. Never blocks.</summary>
    /// <param name="buildId">The AppBuild.</param>
    /// <param name="line">The line, without its line break.</param>
    public void AppendBuildLog(string buildId, string line)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildId);
        ArgumentNullException.ThrowIfNull(line);
        _logs.Append(buildId, line);
        _wake.Set();
    }

    /// <summary>Marks a build's log finished, so its buffer is released once everything in it is sent.</summary>
    /// <param name="buildId">The AppBuild.</param>
    public void CompleteBuildLog(string buildId)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildId);
        _logs.Complete(buildId);
    }

    /// <summary>
    /// Connects and relays until <paramref name="cancellationToken"/> is cancelled or the relay is
    /// disposed, then closes the websocket gracefully. Connection failures are retried, never thrown.
    /// </summary>
    /// <param name="cancellationToken">Stops the relay.</param>
    /// <returns>A task that completes when the relay has stopped.</returns>
    /// <exception cref="InvalidOperationException">The relay was already started.</exception>
    /// <exception cref="ObjectDisposedException">The relay was disposed.</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_runGate)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, this);
            if (_run is not null)
            {
                throw new InvalidOperationException("The relay can only be run once.");
            }

            _run = Task.Run(() => RunCoreAsync(cancellationToken), CancellationToken.None);
            return _run;
        }
    }

    /// <summary>Stops a running relay (closing its connection gracefully) and waits until <see cref="RunAsync"/> has completed.</summary>
    /// <returns>A task that completes when the relay has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Task? run;
        lock (_runGate)
        {
            if (_isDisposed)
            {
                return;
            }

            _isDisposed = true;
            run = _run;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (run is not null)
        {
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _disposed.Dispose();
    }

    private async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        try
        {
            await ConnectLoopAsync(stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            SetState(RelayState.Disconnected);
            _logger.Stopped(_loggableUri);
        }
    }

    private async Task ConnectLoopAsync(CancellationToken stopping)
    {
        var backoff = new RelayBackoff(_options.BackoffMin, _options.BackoffMax, _jitter);

        // Consecutive connects that failed or did not last: what the next delay grows with.
        var retries = 0;
        while (!stopping.IsCancellationRequested)
        {
            SetState(RelayState.Connecting);
            Metrics.ConnectAttempted();
            _logger.Connecting(_loggableUri, retries + 1);
            using var socket = CreateSocket();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(_options.ConnectTimeout);
                await socket.ConnectAsync(ConnectUri(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                Metrics.ConnectFailed();
                SetState(RelayState.Disconnected);
                var delay = backoff.Delay(++retries);
                if (socket.HttpStatusCode != 0)
                {
                    _logger.ConnectRejected(_loggableUri, (int)socket.HttpStatusCode, (long)delay.TotalMilliseconds);
                }
                else
                {
                    _logger.ConnectFailed(_loggableUri, _redactor.Describe(ex), (long)delay.TotalMilliseconds);
                }

                await DelayAsync(delay, stopping).ConfigureAwait(false);
                continue;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopping: however the interrupted handshake ended, it is not a failure to report or retry.
                break;
            }

            var connectedAt = _time.GetTimestamp();
            _statuses.RequeueAll();
            Metrics.Connected();
            SetState(RelayState.Connected);
            _logger.Connected(_loggableUri, _statuses.Count, _logs.Count);
            _wake.Set();

            var session = new RelaySession(socket, _statuses, _logs, _wake, Metrics, _redactor, _options.CloseTimeout, _logger);
            var reason = await session.RunAsync(stopping).ConfigureAwait(false);
            Metrics.Disconnected();
            SetState(RelayState.Disconnected);
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            // A connection that did not last does not reset the backoff: accept-then-drop must not become a storm.
            retries = _time.GetElapsedTime(connectedAt) >= _options.StableConnectionThreshold ? 1 : retries + 1;
            var wait = backoff.Delay(retries);
            _logger.Disconnected(_loggableUri, reason, (long)wait.TotalMilliseconds);
            await DelayAsync(wait, stopping).ConfigureAwait(false);
        }
    }

    private ClientWebSocket CreateSocket()
    {
        var socket = new ClientWebSocket();
        var o = socket.Options;
        o.SetRequestHeader("Authorization", $"Bearer {_options.ApiKey}");
        o.SetRequestHeader("User-Agent", _options.UserAgent);
        o.KeepAliveInterval = _options.KeepAliveInterval;
        o.KeepAliveTimeout = _options.KeepAliveTimeout;
        o.CollectHttpResponseDetails = true;
        return socket;
    }

    private Uri ConnectUri()
    {
        if (!_options.UseQueryStringKey)
        {
            return _options.Uri;
        }

        var builder = new UriBuilder(_options.Uri);
        var pair = $"{RelayOptions.QueryStringKeyName}={Uri.EscapeDataString(_options.ApiKey)}";
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? pair : $"{builder.Query.TrimStart('?')}&{pair}";
        return builder.Uri;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the relay.
        }
    }

    private void SetState(RelayState state) => Volatile.Write(ref _state, (int)state);
}

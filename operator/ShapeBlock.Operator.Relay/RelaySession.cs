using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// One open websocket: a read loop that runs for the connection's whole life (it is what answers the
/// server's pings, processes our keepalive pongs and notices a close) and a single sender draining the
/// outbox, statuses before log lines. Ends when either loop ends, or when stopping is requested.
/// </summary>
internal sealed class RelaySession(
    WebSocket socket,
    StatusOutbox statuses,
    BuildLogOutbox logs,
    WakeSignal wake,
    RelayMetrics metrics,
    SecretRedactor redactor,
    TimeSpan closeTimeout,
    ILogger logger)
{
    // Log lines sent per turn before statuses are looked at again, so a chatty build cannot hold back a status.
    private const int LogLinesPerTurn = 64;

    /// <summary>Runs the connection until it ends.</summary>
    /// <returns>Why it ended, redacted and loggable.</returns>
    public async Task<string> RunAsync(CancellationToken stopping)
    {
        using var sendCancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var reader = ReadLoopAsync();
        var sender = SendLoopAsync(sendCancellation.Token);
        var first = await Task.WhenAny(reader, sender).ConfigureAwait(false);
        await sendCancellation.CancelAsync().ConfigureAwait(false);

        string reason;
        if (first == reader)
        {
            reason = await reader.ConfigureAwait(false);
            await sender.ConfigureAwait(false);
            if (socket.State == WebSocketState.CloseReceived)
            {
                await CloseOutputAsync("closing").ConfigureAwait(false);
            }
        }
        else
        {
            reason = await sender.ConfigureAwait(false);
            if (stopping.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                await CloseOutputAsync("operator stopping").ConfigureAwait(false);

                // The server's close frame arrives through the read loop; give it a moment, then abort.
                await ((Task)reader.WaitAsync(closeTimeout)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        socket.Abort();
        await reader.ConfigureAwait(false);
        return reason;
    }

    private async Task<string> ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                // No token: cancelling a receive aborts the socket. RunAsync ends this loop with Abort.
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return $"server closed the connection ({socket.CloseStatus}: {redactor.Redact(socket.CloseStatusDescription)})";
                }

                // The protocol has no server-to-operator messages yet (no acks): read and discard.
                logger.IgnoredIncoming(result.Count, result.MessageType.ToString());
            }
        }
        catch (Exception ex)
        {
            return $"connection lost ({redactor.Describe(ex)})";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<string> SendLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        try
        {
            while (true)
            {
                var progressed = false;
                while (statuses.TryTake(out var status))
                {
                    var sent = false;
                    try
                    {
                        // An unserializable status is skipped, not retried: it would fail every connection.
                        if (TrySerialize(buffer, writer, status, RelayJsonContext.Default.StatusMessage, StatusKey.Of(status).ToString()))
                        {
                            await SendAsync(buffer, writer, cancellationToken).ConfigureAwait(false);
                            metrics.StatusSent();
                        }

                        sent = true;
                    }
                    finally
                    {
                        statuses.Complete(status, sent);
                    }

                    progressed = true;
                }

                for (var i = 0; i < LogLinesPerTurn && logs.TryTake(out var item); i++)
                {
                    var sent = false;
                    try
                    {
                        if (TrySerialize(buffer, writer, new BuildLogMessage(item.BuildId, item.Text), RelayJsonContext.Default.BuildLogMessage, item.BuildId))
                        {
                            await SendAsync(buffer, writer, cancellationToken).ConfigureAwait(false);
                            metrics.LogSent(item.IsMarker);
                        }

                        sent = true;
                    }
                    finally
                    {
                        logs.Complete(item, sent);
                    }

                    if (item.IsMarker)
                    {
                        logger.LogLinesDropped(item.BuildId, item.Text);
                    }

                    progressed = true;
                }

                if (!progressed)
                {
                    await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "stopping";
        }
        catch (Exception ex)
        {
            return $"send failed ({redactor.Describe(ex)})";
        }
    }

    private bool TrySerialize<T>(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, T message, JsonTypeInfo<T> typeInfo, string subject)
    {
        try
        {
            JsonSerializer.Serialize(writer, message, typeInfo);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or JsonException or NotSupportedException)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            logger.Unserializable(typeof(T).Name, subject, ex.GetType().Name);
            return false;
        }
    }

    private async ValueTask SendAsync(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            writer.Flush();
            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }
    }

    private async Task CloseOutputAsync(string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(closeTimeout);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Best effort (the state may have changed since it was checked): Abort follows regardless.
        }
    }
}

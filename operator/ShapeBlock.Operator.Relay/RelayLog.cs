using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// The relay's log events (source-generated: no boxing, AOT-safe). Arguments are redacted URIs and
/// redacted exception descriptions only; no exception objects and never the key.
/// </summary>
internal static partial class RelayLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connecting to {Uri} (attempt {Attempt})")]
    public static partial void Connecting(this ILogger logger, string uri, int attempt);

    [LoggerMessage(2, LogLevel.Information, "Connected to {Uri}; resending {Resources} resource statuses and {Builds} build logs")]
    public static partial void Connected(this ILogger logger, string uri, int resources, int builds);

    [LoggerMessage(3, LogLevel.Warning, "Connecting to {Uri} failed: {Reason}; retrying in {DelayMs} ms")]
    public static partial void ConnectFailed(this ILogger logger, string uri, string reason, long delayMs);

    [LoggerMessage(9, LogLevel.Error, "Skipped a {MessageType} for {Subject} that could not be serialized ({Error})")]
    public static partial void Unserializable(this ILogger logger, string messageType, string subject, string error);

    [LoggerMessage(8, LogLevel.Error, "The server at {Uri} rejected the handshake with HTTP {StatusCode} (check SHAPEBLOCK_API_KEY and SHAPEBLOCK_WS_URL); retrying in {DelayMs} ms")]
    public static partial void ConnectRejected(this ILogger logger, string uri, int statusCode, long delayMs);

    [LoggerMessage(4, LogLevel.Warning, "Connection to {Uri} ended: {Reason}; reconnecting in {DelayMs} ms")]
    public static partial void Disconnected(this ILogger logger, string uri, string reason, long delayMs);

    [LoggerMessage(5, LogLevel.Information, "Relay to {Uri} stopped")]
    public static partial void Stopped(this ILogger logger, string uri);

    [LoggerMessage(6, LogLevel.Warning, "Build {BuildId}: log buffer full, sent drop marker: {Marker}")]
    public static partial void LogLinesDropped(this ILogger logger, string buildId, string marker);

    [LoggerMessage(7, LogLevel.Debug, "Ignoring a {Bytes}-byte {MessageType} message from the server")]
    public static partial void IgnoredIncoming(this ILogger logger, int bytes, string messageType);
}

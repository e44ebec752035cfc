using System.Reflection;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// How the relay reaches the ShapeBlock server. <see cref="ApiKey"/> is a secret: it is sent only in the
/// handshake and never appears in <see cref="ToString"/>, logs or exception messages.
/// </summary>
/// <param name="Uri">The server's websocket endpoint (<c>SHAPEBLOCK_WS_URL</c>), <c>ws://</c> or <c>wss://</c>.</param>
/// <param name="ApiKey">The cluster's API key (<c>SHAPEBLOCK_API_KEY</c>).</param>
public sealed record RelayOptions(Uri Uri, string ApiKey)
{
    /// <summary>Environment variable holding the websocket URL; the relay is disabled when it is unset.</summary>
    public const string UrlVariable = "SHAPEBLOCK_WS_URL";

    /// <summary>Environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "SHAPEBLOCK_API_KEY";

    /// <summary>Query parameter carrying the key when <see cref="UseQueryStringKey"/> is on (the original operator's name).</summary>
    public const string QueryStringKeyName = "api_key";

    /// <summary>
    /// Also send the key as <c>?api_key=</c> for servers that predate the <c>Authorization</c> header.
    /// Off by default: a key in the URL leaks into proxies' access logs.
    /// </summary>
    public bool UseQueryStringKey { get; init; }

    /// <summary>The <c>User-Agent</c> header; defaults to <c>ShapeBlock-Operator/&lt;version&gt;</c>.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent();

    /// <summary>Base of the reconnect backoff: the first retry waits up to this long.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Ceiling of the reconnect backoff.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A connection that lived at least this long resets the backoff; shorter ones keep growing it, so a
    /// server that accepts and immediately drops connections does not cause a reconnect storm.
    /// </summary>
    public TimeSpan StableConnectionThreshold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Handshake deadline.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Interval of websocket pings sent to the server.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A ping unanswered for this long marks the connection dead, and the relay reconnects.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Unsent log bytes kept per build (UTF-8 of the lines). Beyond it the oldest unsent lines are
    /// dropped and a marker line says how many.
    /// </summary>
    public int MaxBufferedLogBytesPerBuild { get; init; } = 256 * 1024;

    /// <summary>How long a graceful close may take when the relay stops.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads <see cref="UrlVariable"/> and <see cref="ApiKeyVariable"/>.</summary>
    /// <param name="getVariable">Variable lookup; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>The options, or <see langword="null"/> when the URL is unset (relay disabled).</returns>
    /// <exception cref="InvalidOperationException">The URL is set but invalid, or the key is missing.</exception>
    public static RelayOptions? FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var url = getVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        // The URL is not echoed: an old-style URL may already carry the key in its query.
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{UrlVariable} is not an absolute URI.");
        }

        var key = getVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException($"{UrlVariable} is set but {ApiKeyVariable} is empty.");
        }

        var options = new RelayOptions(uri, key.Trim());
        options.Validate();
        return options;
    }

    /// <summary>Checks the options; messages never contain the key or the URL's query.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Uri is null || !Uri.IsAbsoluteUri || (Uri.Scheme != "ws" && Uri.Scheme != "wss"))
        {
            throw new ArgumentException("The relay URI must be an absolute ws:// or wss:// URI.", nameof(Uri));
        }

        if (string.IsNullOrWhiteSpace(ApiKey) || ApiKey.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The API key must be non-empty and on one line.", nameof(ApiKey));
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The user agent must be non-empty and on one line.", nameof(UserAgent));
        }

        Positive(BackoffMin, nameof(BackoffMin));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(KeepAliveInterval, nameof(KeepAliveInterval));
        Positive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        Positive(CloseTimeout, nameof(CloseTimeout));
        if (BackoffMax < BackoffMin)
        {
            throw new ArgumentException("BackoffMax must not be below BackoffMin.", nameof(BackoffMax));
        }

        if (StableConnectionThreshold < TimeSpan.Zero)
        {
            throw new ArgumentException("StableConnectionThreshold must not be negative.", nameof(StableConnectionThreshold));
        }

        if (MaxBufferedLogBytesPerBuild < 1024)
        {
            throw new ArgumentException("MaxBufferedLogBytesPerBuild must be at least 1024.", nameof(MaxBufferedLogBytesPerBuild));
        }
    }

    /// <summary>Describes the options with the key and the URL's query and user info hidden.</summary>
    /// <returns>A loggable description.</returns>
    public override string ToString() =>
        $"RelayOptions {{ Uri = {RedactedUri(Uri)}, ApiKey = ***, UseQueryStringKey = {UseQueryStringKey}, " +
        $"UserAgent = {UserAgent}, Backoff = {BackoffMin}..{BackoffMax}, " +
        $"MaxBufferedLogBytesPerBuild = {MaxBufferedLogBytesPerBuild}, KeepAlive = {KeepAliveInterval}/{KeepAliveTimeout} }}";

    /// <summary><c>scheme://host:port/path</c> only: what may be logged of a URI.</summary>
    internal static string RedactedUri(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? $"{uri.Scheme}://{uri.Host}:{uri.Port}{uri.AbsolutePath}" : "(invalid)";

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive.", name);
        }
    }

    private static string DefaultUserAgent()
    {
        var assembly = typeof(RelayOptions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return $"ShapeBlock-Operator/{(plus >= 0 ? version[..plus] : version)}";
    }
}

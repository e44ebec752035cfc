using System.Net.WebSockets;
using System.Text.Json;

namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>What a test server saw: handshakes, messages in arrival order, connections.</summary>
internal sealed class ServerRecording
{
    private readonly Lock _gate = new();
    private readonly List<Handshake> _handshakes = [];
    private readonly List<JsonElement> _messages = [];
    private readonly Dictionary<int, ServerConnection> _open = [];
    private int _accepted;
    private int _cleanCloses;

    public IReadOnlyList<Handshake> Handshakes
    {
        get
        {
            lock (_gate)
            {
                return [.. _handshakes];
            }
        }
    }

    public IReadOnlyList<JsonElement> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Websockets accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections that ended with a completed close handshake.</summary>
    public int CleanCloses => Volatile.Read(ref _cleanCloses);

    public IReadOnlyList<ServerConnection> OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return [.. _open.Values];
            }
        }
    }

    /// <summary>Status messages only, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Statuses => [.. Messages.Where(m => !m.TryGetProperty("type", out _))];

    /// <summary>The latest status of every resource, by <c>resourceType/namespace/name</c>.</summary>
    public Dictionary<string, string> LatestStatuses()
    {
        var latest = new Dictionary<string, string>();
        foreach (var m in Statuses)
        {
            latest[KeyOf(m)] = m.GetProperty("status").GetString()!;
        }

        return latest;
    }

    /// <summary>How many status messages arrived for one resource.</summary>
    public int StatusCount(string key) => Statuses.Count(m => KeyOf(m) == key);

    /// <summary>The log lines of one build, in arrival order.</summary>
    public IReadOnlyList<string> Logs(string buildId) =>
        [.. Messages
            .Where(m => m.TryGetProperty("type", out var t) && t.GetString() == "BUILD_LOG" && m.GetProperty("buildId").GetString() == buildId)
            .Select(m => m.GetProperty("log").GetString()!)];

    public static string KeyOf(JsonElement status) =>
        $"{status.GetProperty("resourceType").GetString()}/{status.GetProperty("namespace").GetString()}/{status.GetProperty("name").GetString()}";

    internal void AddHandshake(Handshake handshake)
    {
        lock (_gate)
        {
            _handshakes.Add(handshake);
        }
    }

    internal ServerConnection Opened(WebSocket socket)
    {
        var connection = new ServerConnection(Interlocked.Increment(ref _accepted), socket, DateTime.UtcNow);
        lock (_gate)
        {
            _open.Add(connection.Number, connection);
        }

        return connection;
    }

    internal void Closed(ServerConnection connection, bool clean)
    {
        lock (_gate)
        {
            _open.Remove(connection.Number);
        }

        if (clean)
        {
            Interlocked.Increment(ref _cleanCloses);
        }
    }

    internal void Add(string json)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement.Clone();
        lock (_gate)
        {
            _messages.Add(element);
        }
    }
}

/// <summary>The handshake request of one connection attempt.</summary>
internal sealed record Handshake(string? Authorization, string? UserAgent, string QueryString);

/// <summary>An accepted websocket.</summary>
internal sealed record ServerConnection(int Number, WebSocket Socket, DateTime OpenedAtUtc)
{
    public TimeSpan Age => DateTime.UtcNow - OpenedAtUtc;
}

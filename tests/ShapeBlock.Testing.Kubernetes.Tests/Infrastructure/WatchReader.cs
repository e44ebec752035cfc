using System.Text.Json;
using k8s.Autorest;

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>One line of a watch stream.</summary>
public sealed record WatchLine(string Type, JsonElement Object)
{
    public string Name => Object.TryGetProperty("metadata", out var m) && m.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";

    public string ResourceVersion => Object.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;

    public override string ToString() => $"{Type} {Name}@{(Object.TryGetProperty("metadata", out var m) && m.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : "?")}";
}

/// <summary>
/// Reads a watch response (KubernetesClient's <c>…WithHttpMessagesAsync(watch: true)</c>) line by line,
/// every read bounded. KubernetesClient wraps a watch response in its line-separated content: the call
/// returns once the first line arrived (it peeks it), and the lines are read from the content's
/// <c>StreamReader</c>, as KubernetesClient's own watcher does. So start the call, make the server emit
/// something (or wait for <see cref="WatchControl.WaitForAsync"/>), then open the reader.
/// </summary>
public sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly TextReader reader;
    private Task<string?>? pending;

    private WatchReader(HttpResponseMessage response, TextReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public List<WatchLine> Seen { get; } = [];

    public static async Task<WatchReader> OpenAsync<T>(Task<HttpOperationResponse<T>> call, TimeSpan? timeout = null)
    {
        var result = await call.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
        var content = result.Response.Content;
        var reader = content.GetType().GetProperty("StreamReader")?.GetValue(content) as TextReader
            ?? new StreamReader(await content.ReadAsStreamAsync());
        return new WatchReader(result.Response, reader);
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<WatchLine?> NextAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            pending ??= reader.ReadLineAsync();
            var finished = await Task.WhenAny(pending, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
            if (finished != pending)
            {
                throw new TimeoutException($"no watch event within {timeout ?? TimeSpan.FromSeconds(20)}; seen: {string.Join(", ", Seen)}");
            }

            var line = await pending;
            pending = null;
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var e = new WatchLine(doc.RootElement.GetProperty("type").GetString()!, doc.RootElement.GetProperty("object").Clone());
            Seen.Add(e);
            return e;
        }
    }

    /// <summary>Reads until an event matches.</summary>
    public async Task<WatchLine> WaitForAsync(Func<WatchLine, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var e = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1))
                ?? throw new InvalidOperationException($"stream ended before a match; seen: {string.Join(", ", Seen)}");
            if (predicate(e))
            {
                return e;
            }
        }
    }

    /// <summary>Reads events until the server ends the stream.</summary>
    public async Task<List<WatchLine>> ReadToEndAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var events = new List<WatchLine>();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var e = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            if (e is null)
            {
                return events;
            }

            events.Add(e);
        }
    }

    /// <summary>Counts ADDED lines until <paramref name="expected"/> (cheaply, without parsing; for scale tests).</summary>
    public async Task<int> CountAddedAsync(int expected)
    {
        var count = 0;
        while (count < expected && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("{\"type\":\"ADDED\"", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    public ValueTask DisposeAsync()
    {
        response.Dispose();
        reader.Dispose();
        return ValueTask.CompletedTask;
    }
}

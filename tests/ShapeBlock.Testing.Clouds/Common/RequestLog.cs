namespace ShapeBlock.Testing.Clouds;

/// <summary>Thread-safe log of the requests a fake cloud answered, in arrival order.</summary>
public sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> entries = [];

    /// <summary>A snapshot of every request so far.</summary>
    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Number of mutating requests (POST/PUT/PATCH/DELETE) so far, whatever their status.</summary>
    public int MutatingCount => All.Count(r => r.IsMutating);

    /// <summary>Requests whose method and path prefix match.</summary>
    /// <param name="method">HTTP method, or null for any.</param>
    /// <param name="pathPrefix">Path prefix, e.g. <c>/v1/servers</c>, or null for any.</param>
    /// <returns>The matching requests.</returns>
    public IReadOnlyList<RecordedRequest> Matching(string? method, string? pathPrefix) =>
        [.. All.Where(r => (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
                        && (pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)))];

    /// <summary>Forgets every recorded request (e.g. between the first and the second <c>up</c>).</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    internal void Add(RecordedRequest request)
    {
        lock (gate)
        {
            entries.Add(request);
        }
    }
}

namespace ShapeBlock.Testing.Clouds;

/// <summary>
/// A fault a fake cloud injects into the next <see cref="Count"/> requests that match
/// <see cref="Method"/> and <see cref="PathPrefix"/>. Faulted requests never touch the state.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Status code to answer with (429, 500, 503, …). Ignored when <see cref="Abort"/> is set.</summary>
    public int Status { get; init; } = 503;

    /// <summary>How many matching requests get the fault.</summary>
    public int Count { get; init; } = 1;

    /// <summary>HTTP method to match, or null for any.</summary>
    public string? Method { get; init; }

    /// <summary>Path prefix to match (e.g. <c>/v1/servers</c>), or null for any.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>For 429: the <c>Retry-After</c> and rate-limit reset it announces. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the fault is answered (a slow failure).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Drop the connection without an answer instead of sending <see cref="Status"/>.</summary>
    public bool Abort { get; init; }

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal));
}

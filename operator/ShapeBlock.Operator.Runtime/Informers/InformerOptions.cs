namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>How an informer lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>Only objects of this namespace (null: all namespaces, or a cluster-scoped kind).</summary>
    public string? Namespace { get; init; }

    /// <summary>Only objects matching this label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>How often every cached object is handed to the handlers again (no API writes); zero disables.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Page size of the initial and recovery lists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Server-side timeout of one watch request; the informer re-watches from the last version after it.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay after a failed list or watch; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between retries of a failed list or watch.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}

namespace ShapeBlock.Sdk.Engine;

/// <summary>Timeouts and limits of <c>up</c>, <c>destroy</c> and <c>status</c>. The defaults suit a real cluster; tests shorten them.</summary>
public sealed record EngineOptions
{
    /// <summary>Passed to connectors as <see cref="ClusterConnectRequest.Force"/> (the CLI's <c>up --force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Plan steps applied at the same time (along the dependency graph).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Retries of a request that failed transiently (409, 429, 5xx, refused connection).</summary>
    public int RequestRetries { get; init; } = 4;

    /// <summary>First retry delay (exponential with jitter afterwards).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a CustomResourceDefinition may take to be Established, or a kind to be served (e.g. cert-manager's, installed by its chart).</summary>
    public TimeSpan CrdTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a project namespace (created by the operator from the Project) may take to appear.</summary>
    public TimeSpan NamespaceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the operator Deployment may take to become available.</summary>
    public TimeSpan OperatorTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a Project may take to become Active.</summary>
    public TimeSpan ProjectTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long an App may take to become Ready with a URL.</summary>
    public TimeSpan AppTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Added to a build's own <c>timeoutSeconds</c> when following it.</summary>
    public TimeSpan BuildGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long <c>destroy</c> (and prune) waits for deleted objects to be gone.</summary>
    public TimeSpan DeleteTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a build's log may keep streaming after the build finished (the stream normally ends with the container).</summary>
    public TimeSpan LogDrain { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Server-side timeout of one watch request (watches are re-opened until the wait ends).</summary>
    public int WatchSeconds { get; init; } = 50;
}

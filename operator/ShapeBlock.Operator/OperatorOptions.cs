namespace ShapeBlock.Operator;

/// <summary>The operator's configuration, read from the environment (names kept from the original operator).</summary>
public sealed record OperatorOptions
{
    /// <summary>Namespace of the operator, its registry Secret and its Lease (<c>OPERATOR_NAMESPACE</c>).</summary>
    public string OperatorNamespace { get; init; } = "shapeblock";

    /// <summary>Only this namespace is watched for namespaced kinds (<c>WATCH_NAMESPACE</c>; empty: all).</summary>
    public string? WatchNamespace { get; init; }

    /// <summary>The ShapeBlock server's websocket (<c>SHAPEBLOCK_WS_URL</c>); relay off when empty.</summary>
    public Uri? WebSocketUrl { get; init; }

    /// <summary>The ShapeBlock server's REST API (<c>SHAPEBLOCK_API_URL</c>).</summary>
    public Uri? ApiUrl { get; init; }

    /// <summary>API key for the ShapeBlock server (<c>SHAPEBLOCK_API_KEY</c>). Never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>License key for the ShapeBlock server (<c>SHAPEBLOCK_LICENSE_KEY</c>). Never logged.</summary>
    public string? LicenseKey { get; init; }

    /// <summary>Email the license belongs to (<c>SHAPEBLOCK_LICENSE_EMAIL</c>).</summary>
    public string? LicenseEmail { get; init; }

    /// <summary>Address of the health and metrics endpoint (<c>HEALTH_ADDRESS</c>, default <c>http://+:8081/</c>).</summary>
    public string HealthAddress { get; init; } = "http://+:8081/";

    /// <summary>Lease-based leader election (<c>LEADER_ELECTION</c>, default on).</summary>
    public bool LeaderElection { get; init; } = true;

    /// <summary>How long the leader lease is valid without renewal: a crashed leader is replaced within this time.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A leader that cannot renew its lease for this long stops leading.</summary>
    public TimeSpan LeaseRenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the lease is renewed, and standby replicas try to acquire it.</summary>
    public TimeSpan LeaseRetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Periodic resync of every cached object (<c>RESYNC_PERIOD</c> seconds, default 600).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One compacting, decommitting GC when the operator goes idle after a burst of work (on in the operator
    /// process; off by default so hosts inside other processes, e.g. tests, leave their GC alone).
    /// </summary>
    public bool CompactWhenIdle { get; init; }

    /// <summary>Builds and deploys of apps (images, chart, ingress).</summary>
    public AppsOptions Apps { get; init; } = new();

    /// <summary>Reads the options from environment variables.</summary>
    /// <param name="env">Variable lookup (the process environment by default).</param>
    /// <returns>The options.</returns>
    public static OperatorOptions FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => env(name) is { Length: > 0 } value ? value : null;
        return new OperatorOptions
        {
            OperatorNamespace = Get("OPERATOR_NAMESPACE") ?? "shapeblock",
            WatchNamespace = Get("WATCH_NAMESPACE"),
            WebSocketUrl = Get("SHAPEBLOCK_WS_URL") is { } ws ? new Uri(ws) : null,
            ApiUrl = Get("SHAPEBLOCK_API_URL") is { } api ? new Uri(api) : null,
            ApiKey = Get("SHAPEBLOCK_API_KEY"),
            LicenseKey = Get("SHAPEBLOCK_LICENSE_KEY"),
            LicenseEmail = Get("SHAPEBLOCK_LICENSE_EMAIL"),
            HealthAddress = Get("HEALTH_ADDRESS") ?? "http://+:8081/",
            LeaderElection = !string.Equals(Get("LEADER_ELECTION"), "false", StringComparison.OrdinalIgnoreCase),
            Apps = AppsOptions.FromEnvironment(env),
            CompactWhenIdle = true,
            ResyncPeriod = int.TryParse(Get("RESYNC_PERIOD"), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(10),
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OperatorOptions {{ OperatorNamespace = {OperatorNamespace}, WatchNamespace = {WatchNamespace ?? "(all)"}, WebSocketUrl = {WebSocketUrl?.GetLeftPart(UriPartial.Path) ?? "(off)"}, ApiUrl = {ApiUrl?.GetLeftPart(UriPartial.Path) ?? "(none)"}, ApiKey = {(ApiKey is null ? "(none)" : "***")}, LicenseKey = {(LicenseKey is null ? "(none)" : "***")}, LeaderElection = {LeaderElection}, ResyncPeriod = {ResyncPeriod} }}";
}

namespace ShapeBlock.Sdk.Provisioning.Http;

/// <summary>Retry and timeout settings of cloud API calls.</summary>
public sealed record CloudRetryOptions
{
    /// <summary>Retries after the first attempt (429, 5xx, dropped connections, timeouts).</summary>
    public int MaxRetries { get; init; } = 8;

    /// <summary>The first backoff delay when the cloud says nothing about when to come back.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest single wait, also when the cloud asks for more.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

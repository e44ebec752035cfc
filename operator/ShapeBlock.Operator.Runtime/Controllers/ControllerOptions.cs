using ShapeBlock.Operator.Runtime.Queue;

namespace ShapeBlock.Operator.Runtime.Controllers;

/// <summary>How a controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>Keys reconciled at once (different keys only; one key is never run twice at once).</summary>
    public int MaxConcurrentReconciles { get; init; } = 2;

    /// <summary>Retry delays for failed reconciles.</summary>
    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.Default;
}

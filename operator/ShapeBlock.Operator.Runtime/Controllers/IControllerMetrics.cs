namespace ShapeBlock.Operator.Runtime.Controllers;

/// <summary>Where a controller reports what it does (the host maps it to Prometheus).</summary>
public interface IControllerMetrics
{
    /// <summary>A reconcile finished.</summary>
    /// <param name="controller">Controller name.</param>
    /// <param name="duration">How long it took.</param>
    /// <param name="failed">Whether it threw.</param>
    void ReconcileCompleted(string controller, TimeSpan duration, bool failed);

    /// <summary>The queue depth changed.</summary>
    /// <param name="controller">Controller name.</param>
    /// <param name="depth">Keys ready to run.</param>
    void QueueDepth(string controller, int depth);
}

using ShapeBlock.Operator.Runtime.Controllers;

namespace ShapeBlock.Operator.Health;

/// <summary>The operator's metrics (served in the Prometheus text format on <c>/metrics</c>).</summary>
internal sealed class OperatorMetrics : IControllerMetrics
{
    private readonly Counter reconciles;
    private readonly Counter errors;
    private readonly Histogram duration;
    private readonly Gauge depth;

    public OperatorMetrics(MetricsRegistry registry)
    {
        reconciles = registry.CreateCounter("shapeblock_reconcile_total", "Reconciles run, per controller.", "controller");
        errors = registry.CreateCounter("shapeblock_reconcile_errors_total", "Reconciles that failed and were retried, per controller.", "controller");
        duration = registry.CreateHistogram("shapeblock_reconcile_duration_seconds", "Time spent in one reconcile.", [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], "controller");
        depth = registry.CreateGauge("shapeblock_workqueue_depth", "Keys waiting to be reconciled, per controller.", "controller");
        RelayConnected = registry.CreateGauge("shapeblock_relay_connected", "1 while the websocket relay to the ShapeBlock server is connected.");
        Leader = registry.CreateGauge("shapeblock_leader", "1 while this replica is the leader.");
        RelayLogBytesDropped = registry.CreateCounter("shapeblock_relay_log_bytes_dropped_total", "Build-log bytes dropped because a build's relay buffer was full.");
        EventsDropped = registry.CreateCounter("shapeblock_events_dropped_total", "Kubernetes Events not written because the event queue was full.");

        // Memory is the operator's main budget (goal 32 MiB RSS): show where it goes without a profiler.
        var heap = registry.CreateGauge("shapeblock_gc_heap_bytes", "Managed heap size after the last GC, including fragmentation.");
        IdleCompactions = registry.CreateCounter("shapeblock_gc_idle_compactions_total", "Compacting collections run when the operator went idle after a burst of work.");
        var committed = registry.CreateGauge("shapeblock_gc_committed_bytes", "Memory committed by the GC.");
        registry.AddBeforeCollectCallback(() =>
        {
            var info = GC.GetGCMemoryInfo();
            heap.Set(info.HeapSizeBytes);
            committed.Set(info.TotalCommittedBytes);
        });
    }

    public Gauge RelayConnected { get; }

    public Gauge Leader { get; }

    public Counter RelayLogBytesDropped { get; }

    public Counter EventsDropped { get; }

    public Counter IdleCompactions { get; }

    public void ReconcileCompleted(string controller, TimeSpan elapsed, bool failed)
    {
        reconciles.WithLabels(controller).Inc();
        if (failed)
        {
            errors.WithLabels(controller).Inc();
        }

        duration.WithLabels(controller).Observe(elapsed.TotalSeconds);
    }

    public long ReconcileCount(string controller) => (long)reconciles.WithLabels(controller).Value;

    public void QueueDepth(string controller, int value) => depth.WithLabels(controller).Set(value);
}

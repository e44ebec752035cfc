using System.Text.RegularExpressions;
using ShapeBlock.Operator.Health;

namespace ShapeBlock.Operator.Tests;

public sealed partial class MetricsRegistryTests
{
    [Fact]
    public void Exports_counters_gauges_and_histograms_in_the_prometheus_text_format()
    {
        var registry = new MetricsRegistry();
        var reconciles = registry.CreateCounter("shapeblock_reconcile_total", "Reconciles run, per controller.", "controller");
        var depth = registry.CreateGauge("shapeblock_workqueue_depth", "Keys waiting.", "controller");
        var duration = registry.CreateHistogram("shapeblock_reconcile_duration_seconds", "Time spent.", [0.01, 0.1, 1], "controller");
        var dropped = registry.CreateCounter("shapeblock_events_dropped_total", "Events dropped.");
        var leader = registry.CreateGauge("shapeblock_leader", "1 while leading.");
        reconciles.WithLabels("project").Inc();
        reconciles.WithLabels("project").Inc(2);
        reconciles.WithLabels("app").Inc();
        depth.WithLabels("project").Set(7);
        duration.WithLabels("project").Observe(0.0078125);
        duration.WithLabels("project").Observe(0.0625);
        duration.WithLabels("project").Observe(0.5);
        duration.WithLabels("project").Observe(3);
        var calls = 0;
        registry.AddBeforeCollectCallback(() => leader.Set(++calls));

        var text = registry.Export();

        Assert.Equal(
            """
            # HELP shapeblock_reconcile_total Reconciles run, per controller.
            # TYPE shapeblock_reconcile_total counter
            shapeblock_reconcile_total{controller="project"} 3
            shapeblock_reconcile_total{controller="app"} 1
            # HELP shapeblock_workqueue_depth Keys waiting.
            # TYPE shapeblock_workqueue_depth gauge
            shapeblock_workqueue_depth{controller="project"} 7
            # HELP shapeblock_reconcile_duration_seconds Time spent.
            # TYPE shapeblock_reconcile_duration_seconds histogram
            shapeblock_reconcile_duration_seconds_bucket{controller="project",le="0.01"} 1
            shapeblock_reconcile_duration_seconds_bucket{controller="project",le="0.1"} 2
            shapeblock_reconcile_duration_seconds_bucket{controller="project",le="1"} 3
            shapeblock_reconcile_duration_seconds_bucket{controller="project",le="+Inf"} 4
            shapeblock_reconcile_duration_seconds_sum{controller="project"} 3.5703125
            shapeblock_reconcile_duration_seconds_count{controller="project"} 4
            # HELP shapeblock_events_dropped_total Events dropped.
            # TYPE shapeblock_events_dropped_total counter
            shapeblock_events_dropped_total 0
            # HELP shapeblock_leader 1 while leading.
            # TYPE shapeblock_leader gauge
            shapeblock_leader 1

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
        Assert.Equal(3, reconciles.WithLabels("project").Value);

        // Every line is a comment or a valid sample (metric name, optional labels, float value).
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal) || SampleLine().IsMatch(line), line);
        }

        Assert.Contains("shapeblock_leader 2", registry.Export(), StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_only_go_up_and_label_values_are_escaped()
    {
        var registry = new MetricsRegistry();
        var counter = registry.CreateCounter("things_total", "Things\nwith a newline.", "name");
        var plain = registry.CreateCounter("bytes_total", "Bytes.");
        plain.IncTo(10);
        plain.IncTo(4);
        counter.WithLabels("a\"b\\c\nd").Inc();

        Assert.Throws<ArgumentOutOfRangeException>(() => plain.Inc(-1));
        Assert.Throws<ArgumentException>(() => counter.WithLabels("x", "y"));
        Assert.Throws<InvalidOperationException>(() => registry.CreateGauge("bytes_total", "again"));
        var text = registry.Export();
        Assert.Contains("# HELP things_total Things\\nwith a newline.\n", text, StringComparison.Ordinal);
        Assert.Contains("things_total{name=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bytes_total 10\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_increments_are_all_counted()
    {
        var registry = new MetricsRegistry();
        var counter = registry.CreateCounter("parallel_total", "Parallel.", "worker");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.WithLabels("w").Inc();
            }
        })));

        Assert.Equal(40_000, counter.WithLabels("w").Value);
        Assert.Contains("parallel_total{worker=\"w\"} 40000", registry.Export(), StringComparison.Ordinal);
    }

    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (\+Inf|-Inf|NaN|-?[0-9.eE+-]+)$""")]
    private static partial Regex SampleLine();
}

using System.Globalization;
using System.Text;

namespace ShapeBlock.Operator.Health;

/// <summary>
/// The operator's metrics and their Prometheus text exposition (format 0.0.4) for <c>/metrics</c>: counters, gauges
/// and histograms, optionally with labels. Written for the operator instead of prometheus-net, whose generic
/// collector types and default-metrics adapters cost the NativeAOT binary more than the few series it serves
/// (bench/README.md, operator-rss steps).
/// </summary>
internal sealed class MetricsRegistry
{
    private readonly Lock gate = new();
    private readonly List<Metric> metrics = [];
    private readonly List<Action> beforeCollect = [];

    /// <summary>A counter (only goes up), with the given label names.</summary>
    public Counter CreateCounter(string name, string help, params string[] labelNames) => Add(new Counter(name, help, labelNames));

    /// <summary>A gauge (set to any value), with the given label names.</summary>
    public Gauge CreateGauge(string name, string help, params string[] labelNames) => Add(new Gauge(name, help, labelNames));

    /// <summary>A histogram with the given upper bucket bounds (ascending; +Inf is added).</summary>
    public Histogram CreateHistogram(string name, string help, double[] buckets, params string[] labelNames) => Add(new Histogram(name, help, buckets, labelNames));

    /// <summary>Runs before every export (gauges that mirror other state are set here).</summary>
    public void AddBeforeCollectCallback(Action callback)
    {
        lock (gate)
        {
            beforeCollect.Add(callback);
        }
    }

    /// <summary>Writes every metric in the Prometheus text format.</summary>
    public string Export()
    {
        Action[] callbacks;
        Metric[] all;
        lock (gate)
        {
            callbacks = [.. beforeCollect];
            all = [.. metrics];
        }

        foreach (var callback in callbacks)
        {
            callback();
        }

        var text = new StringBuilder();
        foreach (var metric in all)
        {
            text.Append("# HELP ").Append(metric.Name).Append(' ').Append(EscapeHelp(metric.Help)).Append('\n');
            text.Append("# TYPE ").Append(metric.Name).Append(' ').Append(metric.Type).Append('\n');
            metric.Write(text);
        }

        return text.ToString();
    }

    private T Add<T>(T metric)
        where T : Metric
    {
        lock (gate)
        {
            if (metrics.Exists(m => m.Name == metric.Name))
            {
                throw new InvalidOperationException($"metric {metric.Name} is registered twice");
            }

            metrics.Add(metric);
        }

        return metric;
    }

    internal static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

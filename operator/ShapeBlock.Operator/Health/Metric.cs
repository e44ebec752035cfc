using System.Text;

namespace ShapeBlock.Operator.Health;

/// <summary>One metric family of a <see cref="MetricsRegistry"/>: its series by label values.</summary>
/// <typeparam name="TSeries">The state of one series.</typeparam>
internal abstract class Metric<TSeries> : Metric
    where TSeries : class
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string[] Values, TSeries Series)> series = new(StringComparer.Ordinal);

    protected Metric(string name, string help, string type, string[] labelNames)
        : base(name, help, type, labelNames)
    {
    }

    /// <summary>The series of these label values (created on first use).</summary>
    protected TSeries Series(string[] values)
    {
        if (values.Length != LabelNames.Length)
        {
            throw new ArgumentException($"metric {Name} has {LabelNames.Length} labels, {values.Length} values given", nameof(values));
        }

        var key = string.Join('\u0001', values);
        lock (gate)
        {
            if (!series.TryGetValue(key, out var entry))
            {
                series[key] = entry = ([.. values], NewSeries());
            }

            return entry.Series;
        }
    }

    protected abstract TSeries NewSeries();

    protected abstract void WriteSeries(StringBuilder text, string labels, TSeries series);

    internal override void Write(StringBuilder text)
    {
        (string[] Values, TSeries Series)[] all;
        lock (gate)
        {
            all = [.. series.Values];
        }

        // A family without labels shows its one series even before first use (0), as prometheus-net did.
        if (all.Length == 0 && LabelNames.Length == 0)
        {
            all = [([], Series([]))];
        }

        foreach (var (values, state) in all)
        {
            WriteSeries(text, Labels(values), state);
        }
    }

    /// <summary>The label set of a series, e.g. <c>controller="project"</c> (no braces).</summary>
    private string Labels(string[] values)
    {
        var labels = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            labels.Append(i == 0 ? "" : ",").Append(LabelNames[i]).Append("=\"").Append(MetricsRegistry.EscapeLabel(values[i])).Append('"');
        }

        return labels.ToString();
    }
}

/// <summary>What every metric family has: name, help, type and label names.</summary>
internal abstract class Metric(string name, string help, string type, string[] labelNames)
{
    public string Name { get; } = name;

    public string Help { get; } = help;

    public string Type { get; } = type;

    public string[] LabelNames { get; } = labelNames;

    internal abstract void Write(StringBuilder text);

    /// <summary>One sample line: <c>name{labels} value</c>.</summary>
    protected static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(MetricsRegistry.Format(value)).Append('\n');
    }
}

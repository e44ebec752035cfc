using System.Text;

namespace ShapeBlock.Operator.Health;

/// <summary>A histogram family: cumulative buckets, sum and count per series.</summary>
internal sealed class Histogram : Metric<Histogram.Child>
{
    private readonly double[] bounds;

    public Histogram(string name, string help, double[] buckets, string[] labelNames)
        : base(name, help, "histogram", labelNames)
    {
        if (buckets.Length == 0 || buckets.Zip(buckets.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException($"histogram {name}: buckets must be ascending and not empty", nameof(buckets));
        }

        bounds = [.. buckets];
    }

    /// <summary>The series of these label values.</summary>
    public Child WithLabels(params string[] values) => Series(values);

    protected override Child NewSeries() => new(bounds);

    protected override void WriteSeries(StringBuilder text, string labels, Child series)
    {
        var (counts, sum, count) = series.Snapshot();
        var prefix = labels.Length > 0 ? labels + "," : "";
        long cumulative = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += counts[i];
            Sample(text, Name + "_bucket", $"{prefix}le=\"{MetricsRegistry.Format(bounds[i])}\"", cumulative);
        }

        Sample(text, Name + "_bucket", $"{prefix}le=\"+Inf\"", count);
        Sample(text, Name + "_sum", labels, sum);
        Sample(text, Name + "_count", labels, count);
    }

    /// <summary>One series.</summary>
    internal sealed class Child(double[] bounds)
    {
        private readonly Lock gate = new();
        private readonly long[] counts = new long[bounds.Length];
        private double sum;
        private long count;

        public void Observe(double value)
        {
            lock (gate)
            {
                var bucket = Array.FindIndex(bounds, b => value <= b);
                if (bucket >= 0)
                {
                    counts[bucket]++;
                }

                sum += value;
                count++;
            }
        }

        internal (long[] Counts, double Sum, long Count) Snapshot()
        {
            lock (gate)
            {
                return ([.. counts], sum, count);
            }
        }
    }
}

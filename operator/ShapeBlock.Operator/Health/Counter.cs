using System.Text;

namespace ShapeBlock.Operator.Health;

/// <summary>A counter family: only goes up.</summary>
internal sealed class Counter(string name, string help, string[] labelNames)
    : Metric<Counter.Child>(name, help, "counter", labelNames)
{
    /// <summary>The value of the series without labels.</summary>
    public double Value => Series([]).Value;

    /// <summary>The series of these label values.</summary>
    public Child WithLabels(params string[] values) => Series(values);

    /// <summary>Adds to the series without labels.</summary>
    public void Inc(double by = 1) => Series([]).Inc(by);

    /// <summary>Raises the series without labels to <paramref name="target"/> (a counter kept elsewhere); never lowers it.</summary>
    public void IncTo(double target) => Series([]).IncTo(target);

    protected override Child NewSeries() => new();

    protected override void WriteSeries(StringBuilder text, string labels, Child series) => Sample(text, Name, labels, series.Value);

    /// <summary>One series.</summary>
    internal sealed class Child
    {
        private double value;

        public double Value => Volatile.Read(ref value);

        public void Inc(double by = 1)
        {
            if (by < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(by), by, "a counter only goes up");
            }

            AtomicDouble.Update(ref value, v => v + by);
        }

        public void IncTo(double target) => AtomicDouble.Update(ref value, v => Math.Max(v, target));
    }
}

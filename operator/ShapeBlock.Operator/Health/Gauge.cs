using System.Text;

namespace ShapeBlock.Operator.Health;

/// <summary>A gauge family: set to any value.</summary>
internal sealed class Gauge(string name, string help, string[] labelNames)
    : Metric<Gauge.Child>(name, help, "gauge", labelNames)
{
    /// <summary>The value of the series without labels.</summary>
    public double Value => Series([]).Value;

    /// <summary>The series of these label values.</summary>
    public Child WithLabels(params string[] values) => Series(values);

    /// <summary>Sets the series without labels.</summary>
    public void Set(double value) => Series([]).Set(value);

    protected override Child NewSeries() => new();

    protected override void WriteSeries(StringBuilder text, string labels, Child series) => Sample(text, Name, labels, series.Value);

    /// <summary>One series.</summary>
    internal sealed class Child
    {
        private double value;

        public double Value => Volatile.Read(ref value);

        public void Set(double to) => Volatile.Write(ref value, to);
    }
}

namespace ShapeBlock.Bench;

/// <summary>One benchmark: a command that measures and returns its headline figure.</summary>
/// <param name="Name">The command name, e.g. <c>preview-200-apps</c>.</param>
/// <param name="Description">What is measured and the goal.</param>
/// <param name="Run">Runs it (short mode: fewer iterations, only proves it works) and returns the figure.</param>
internal sealed record Benchmark(string Name, string Description, Func<bool, CancellationToken, Task<Figure>> Run);

/// <summary>A measured figure, printed as <c>name: value unit</c>.</summary>
/// <param name="Value">The number.</param>
/// <param name="Unit">Its unit.</param>
internal sealed record Figure(double Value, string Unit);

using ShapeBlock.Bench;

// Usage: dotnet run -c Release --project bench/ShapeBlock.Bench -- <benchmark>|all|list [--short]
// Each benchmark prints details, then its figure as the last line: "name: value unit".
if (await HostRuntime.RelaunchAsync(args) is { } exitCode)
{
    return exitCode;
}

Benchmark[] benchmarks = [PreviewBenchmark.Create(), NoopUpBenchmark.Create(), .. OperatorBenchmarks.Create(), AppsConvergeBenchmark.Create(), ProvisionBenchmark.Create()];

var shortMode = args.Contains("--short");
var selected = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "list";
if (selected == "list")
{
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"{b.Name,-22} {b.Description}");
    }

    return 0;
}

var toRun = selected == "all" ? benchmarks : benchmarks.Where(b => b.Name == selected).ToArray();
if (toRun.Length == 0)
{
    Console.Error.WriteLine($"unknown benchmark '{selected}'; try: list");
    return 2;
}

foreach (var benchmark in toRun)
{
    Console.WriteLine($"{benchmark.Name}: {benchmark.Description}{(shortMode ? " [short mode]" : "")}");
    var figure = await benchmark.Run(shortMode, CancellationToken.None);
    Console.WriteLine($"{benchmark.Name}: {figure.Value} {figure.Unit}");
}

return 0;

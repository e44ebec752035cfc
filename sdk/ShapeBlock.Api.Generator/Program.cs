using ShapeBlock.Api.Schema;

// Usage: dotnet run --project sdk/ShapeBlock.Api.Generator [-- <output dir>] [--check]
// Writes (or, with --check, compares) operator/chart/crds/*.yaml from the C# API types.
var check = args.Contains("--check");
var output = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
    ?? Path.Combine(FindRepositoryRoot(), "operator", "chart", "crds");

Directory.CreateDirectory(output);
var stale = 0;
foreach (var (fileName, yaml) in CrdManifests.Render())
{
    var path = Path.Combine(output, fileName);
    var current = File.Exists(path) ? await File.ReadAllTextAsync(path) : null;
    if (current == yaml)
    {
        Console.WriteLine($"unchanged  {path}");
        continue;
    }

    stale++;
    if (check)
    {
        Console.WriteLine($"STALE      {path}");
    }
    else
    {
        await File.WriteAllTextAsync(path, yaml);
        Console.WriteLine($"written    {path}");
    }
}

if (check && stale > 0)
{
    Console.Error.WriteLine($"{stale} CRD file(s) differ from the C# types; run: dotnet run --project sdk/ShapeBlock.Api.Generator");
    return 1;
}

return 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ShapeBlock.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the ShapeBlock repository or pass the output directory.");
}

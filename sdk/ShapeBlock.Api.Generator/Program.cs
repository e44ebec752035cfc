using ShapeBlock.Api.Charts;
using ShapeBlock.Api.Schema;

// Usage: dotnet run --project sdk/ShapeBlock.Api.Generator [-- --check]
// Writes (or, with --check, compares) operator/chart/crds/*.yaml from the C# API types, then the
// operator chart rendered with its default values as plain manifests (operator/chart/rendered/).
var check = args.Contains("--check");
var chart = Path.Combine(FindRepositoryRoot(), "operator", "chart");

var files = CrdManifests.Render().Select(f => KeyValuePair.Create(Path.Combine(chart, "crds", f.Key), f.Value)).ToList();
if (!check)
{
    foreach (var (path, yaml) in files)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, yaml);
    }
}

files.Add(KeyValuePair.Create(Path.Combine(chart, "rendered", "shapeblock-operator.yaml"), OperatorBundle.RenderDefault(chart)));
var stale = 0;
foreach (var (path, yaml) in files)
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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

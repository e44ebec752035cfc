using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Api.Tests;

/// <summary>Finds files of the repository (the drift test must compare with the checked-in files, not copies).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string CrdDirectory => Path.Combine(Root, "operator", "chart", "crds");

    public static string ManifestDirectory => Path.Combine(Root, "examples", "manifests");

    public static JsonObject CrdSchema(string plural)
    {
        var crd = YamlJson.Parse(File.ReadAllText(Path.Combine(CrdDirectory, $"{plural}.apps.shapeblock.io.yaml")))!;
        return crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeBlock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ShapeBlock.sln not found above " + AppContext.BaseDirectory);
    }
}

using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.Tests;

public sealed class CrdDriftTests
{
    [Fact]
    public void Checked_in_crds_match_the_csharp_types()
    {
        var generated = CrdManifests.Render();
        Assert.Equal(5, generated.Count);
        foreach (var (fileName, yaml) in generated)
        {
            var path = Path.Combine(RepositoryFiles.CrdDirectory, fileName);
            Assert.True(File.Exists(path), $"{path} is missing; run: dotnet run --project sdk/ShapeBlock.Api.Generator");
            Assert.True(File.ReadAllText(path) == yaml, $"{path} differs from the C# types; run: dotnet run --project sdk/ShapeBlock.Api.Generator");
        }

        var extra = Directory.GetFiles(RepositoryFiles.CrdDirectory, "*.yaml")
            .Select(Path.GetFileName)
            .Except(generated.Select(g => g.Key));
        Assert.Empty(extra);
    }

    [Fact]
    public void Descriptions_come_from_the_xml_docs()
    {
        var schema = RepositoryFiles.CrdSchema("apps");
        Assert.Equal("The port the app listens on.", schema["properties"]!["spec"]!["properties"]!["port"]!["description"]!.GetValue<string>());
    }
}

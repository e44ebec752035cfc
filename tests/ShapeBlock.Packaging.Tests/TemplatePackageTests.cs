using System.Text.Json.Nodes;

namespace ShapeBlock.Packaging.Tests;

/// <summary>The template pack ShapeBlock.Templates: its nuspec, that it carries every template folder, and the template definitions.</summary>
[Collection(PackagingCollection.Name)]
public sealed class TemplatePackageTests(PackagingFixture fixture)
{
    [Fact]
    public void Nuspec_is_a_template_package_with_the_shared_metadata()
    {
        using var package = new PackageArchive(fixture.PackageFile(ExpectedPackages.Templates));

        Assert.Equal(ExpectedPackages.Templates, package.Meta("id"));
        Assert.Equal(Repository.Version, package.Meta("version"));
        Assert.Equal("ShapeBlock", package.Meta("authors"));
        Assert.Contains("shapeblock-cluster", package.Meta("description"), StringComparison.Ordinal);
        var packageTypes = package.Element("packageTypes")?.Elements().Select(e => (string?)e.Attribute("name")).ToList();
        Assert.Equal(["Template"], packageTypes);
        Assert.Equal("README.md", package.Meta("readme"));
        Assert.Contains("README.md", package.Entries);
        Assert.Contains("dotnet-new", (package.Meta("tags") ?? "").Split(' '));
        LibraryPackageTests.AssertCommonMetadata(package, fixture.Commit);
        // Templates reference the SDK from the generated project; the pack itself depends on nothing.
        Assert.Null(package.Element("dependencies"));
    }

    [Fact]
    public void Package_carries_every_template_folder_file_for_file_and_nothing_built()
    {
        using var package = new PackageArchive(fixture.PackageFile(ExpectedPackages.Templates));
        var entries = package.Entries;
        var folders = Repository.TemplateFolders;
        Assert.Superset(ExpectedPackages.SdkTemplates.ToHashSet(), folders.ToHashSet());

        foreach (var folder in folders)
        {
            var source = Path.Combine(Repository.Root, "templates", "content", folder);
            var expected = Directory.GetFiles(source, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(source, f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
                .Select(f => $"content/{folder}/{f}")
                .Order(StringComparer.Ordinal);
            var packed = entries.Where(e => e.StartsWith($"content/{folder}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, packed);
            foreach (var file in packed)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(source, file[$"content/{folder}/".Length..])), package.Read(file));
            }
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Split('/').Any(part => part is "bin" or "obj"));
    }

    [Theory]
    [InlineData("shapeblock-cluster", "ShapeBlock.Templates.Cluster", "ShapeBlockCluster")]
    [InlineData("shapeblock-apps", "ShapeBlock.Templates.Apps", "ShapeBlockApps")]
    public void Sdk_template_definition_names_itself_and_references_the_sdk(string shortName, string identity, string sourceName)
    {
        var template = TemplateJson(shortName);

        Assert.Equal(identity, (string?)template["identity"]);
        Assert.Equal(shortName, (string?)template["shortName"]);
        Assert.Equal(sourceName, (string?)template["sourceName"]);
        Assert.Contains("ShapeBlock", template["classifications"]!.AsArray().Select(c => (string?)c));
        var folder = Path.Combine(Repository.Root, "templates", "content", shortName);
        var project = File.ReadAllText(Path.Combine(folder, sourceName + ".csproj"));
        Assert.Contains("<PackageReference Include=\"ShapeBlock.Sdk\" Version=\"SHAPEBLOCK_VERSION\" />", project, StringComparison.Ordinal);
        Assert.Contains("ShapeBlockProgram.RunAsync(args, stack =>", File.ReadAllText(Path.Combine(folder, "Program.cs")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "README.md")));
    }

    [Fact]
    public void Every_template_with_a_ShapeBlock_version_parameter_defaults_to_the_packed_version()
    {
        var withVersion = new List<string>();
        foreach (var folder in Repository.TemplateFolders)
        {
            var version = TemplateJson(folder)["symbols"]?["ShapeBlockVersion"];
            if (version is null)
            {
                continue;
            }

            withVersion.Add(folder);
            Assert.True(Repository.Version == (string?)version["defaultValue"],
                $"templates/content/{folder}: ShapeBlockVersion defaults to {version["defaultValue"]}, the packages are {Repository.Version}");
            Assert.Equal("SHAPEBLOCK_VERSION", (string?)version["replaces"]);
        }

        // Every template references a ShapeBlock package, so every one takes the version.
        Assert.Equal(Repository.TemplateFolders.Order(StringComparer.Ordinal), withVersion.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cluster_template_offers_the_four_providers_with_hetzner_by_default()
    {
        var provider = TemplateJson("shapeblock-cluster")["symbols"]!["provider"]!;

        Assert.Equal("choice", (string?)provider["datatype"]);
        Assert.Equal("hetzner", (string?)provider["defaultValue"]);
        Assert.Equal(["hetzner", "digitalocean", "ssh", "existing"], provider["choices"]!.AsArray().Select(c => (string?)c!["choice"]));
    }

    private static JsonNode TemplateJson(string folder) => Repository.TemplateJson(folder);
}

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using System.Text;

namespace ShapeBlock.Packaging.Tests;

/// <summary>The library packages (ShapeBlock.Api, ShapeBlock.Sdk, …) as scripts/pack.sh makes them, read from the .nupkg/.snupkg files.</summary>
[Collection(PackagingCollection.Name)]
public sealed class LibraryPackageTests(PackagingFixture fixture)
{
    // The SourceLink custom debug information kind in a portable PDB.
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Pack_makes_exactly_the_expected_packages()
    {
        var version = Repository.Version;
        string[] expected =
        [
            .. ExpectedPackages.Libraries.SelectMany(l => l.SymbolPackage
                ? new[] { $"{l.Id}.{version}.nupkg", $"{l.Id}.{version}.snupkg" }
                : [$"{l.Id}.{version}.nupkg"]),
            $"{ExpectedPackages.Templates}.{version}.nupkg",
        ];

        var actual = Directory.GetFiles(fixture.PackagesFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(actual),
            $"expected {string.Join(", ", expected)}; pack made {string.Join(", ", actual)}\n{fixture.Pack}");
    }

    [Theory]
    [MemberData(nameof(ExpectedPackages.LibraryIds), MemberType = typeof(ExpectedPackages))]
    public void Nuspec_has_the_metadata_a_feed_shows(string id)
    {
        using var package = new PackageArchive(fixture.PackageFile(id));

        Assert.Equal(id, package.Meta("id"));
        Assert.Equal(Repository.Version, package.Meta("version"));
        Assert.Equal("ShapeBlock", package.Meta("authors"));
        var description = package.Meta("description");
        Assert.False(string.IsNullOrWhiteSpace(description) || description == "Package Description", $"{id} has no description of its own");
        AssertCommonMetadata(package, fixture.Commit);
    }

    [Theory]
    [MemberData(nameof(ExpectedPackages.LibraryIds), MemberType = typeof(ExpectedPackages))]
    public void Package_holds_its_one_assembly_with_xml_docs_and_a_readme(string id)
    {
        using var package = new PackageArchive(fixture.PackageFile(id));
        var entries = package.Entries;

        // Only the package's own assembly: no test project, shim or testing harness rides along.
        var assemblies = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal([$"lib/net10.0/{id}.dll"], assemblies);
        Assert.DoesNotContain(entries, e => e.Contains("Test", StringComparison.OrdinalIgnoreCase) || e.Contains("Shim", StringComparison.OrdinalIgnoreCase));
        foreach (var dll in assemblies)
        {
            var docs = Path.ChangeExtension(dll, ".xml");
            Assert.True(entries.Contains(docs), $"{id}: {dll} has no XML docs ({docs}); entries: {string.Join(", ", entries)}");
            var xml = Encoding.UTF8.GetString(package.Read(docs));
            Assert.Contains($"<name>{id}</name>", xml, StringComparison.Ordinal);
            Assert.Contains("<member name=\"T:", xml, StringComparison.Ordinal);
        }

        // The readme the feed renders: referenced by the nuspec and present, with content.
        var readme = package.Meta("readme") ?? "";
        Assert.Equal("README.md", readme);
        Assert.Contains(readme, entries);
        Assert.StartsWith("# ", Encoding.UTF8.GetString(package.Read(readme)).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExpectedPackages.LibraryIds), MemberType = typeof(ExpectedPackages))]
    public void Dependencies_name_the_other_ShapeBlock_packages_at_the_same_version(string id)
    {
        using var package = new PackageArchive(fixture.PackageFile(id));
        var expected = ExpectedPackages.Libraries.Single(l => l.Id == id).ShapeBlockDependencies;

        var groups = package.Element("dependencies")?.Elements().Where(e => e.Name.LocalName == "group").ToList() ?? [];
        Assert.Equal(["net10.0"], groups.Select(g => (string?)g.Attribute("targetFramework")));
        var dependencies = groups.SelectMany(g => g.Elements()).Select(d => (Id: (string)d.Attribute("id")!, Version: (string)d.Attribute("version")!)).ToList();

        var shapeBlock = dependencies.Where(d => d.Id.StartsWith("ShapeBlock.", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), shapeBlock.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(shapeBlock, d => Assert.Equal(Repository.Version, d.Version));

        // Build-time helpers (SourceLink) must not become dependencies of the users' programs.
        Assert.DoesNotContain(dependencies, d => d.Id.StartsWith("Microsoft.SourceLink", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExpectedPackages.LibraryIds), MemberType = typeof(ExpectedPackages))]
    public void Symbols_have_SourceLink_to_the_packed_commit(string id)
    {
        using var pdb = OpenPdb(id);
        var reader = pdb.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
            .SingleOrDefault();

        Assert.NotNull(sourceLink);
        Assert.Contains($"https://raw.githubusercontent.com/shapeblock/shapeblock/{fixture.Commit}/*", sourceLink, StringComparison.Ordinal);
        Assert.True(reader.Documents.Count > 10, $"{id}.pdb lists {reader.Documents.Count} source documents");
    }

    [Fact]
    public void Pulumi_package_depends_on_the_real_Pulumi_packages_at_the_pinned_versions()
    {
        // Its default build compiles against the shim under tests; the package must still point users at the real packages.
        using var package = new PackageArchive(fixture.PackageFile("ShapeBlock.Pulumi"));
        var dependencies = package.Element("dependencies")!.Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);
        var pinned = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);

        foreach (var id in ExpectedPackages.PulumiDependencies)
        {
            Assert.True(dependencies.TryGetValue(id, out var version), $"ShapeBlock.Pulumi does not depend on {id}: {string.Join(", ", dependencies.Keys)}");
            Assert.Equal(pinned[id], version);
        }
    }

    [Fact]
    public void Api_package_copies_its_xml_docs_to_the_consumers_output()
    {
        // ShapeBlock.Api reads its XML docs at run time (the CRD descriptions); the SDK templates' preview proves the copy works.
        using var package = new PackageArchive(fixture.PackageFile("ShapeBlock.Api"));
        Assert.Contains("buildTransitive/ShapeBlock.Api.targets", package.Entries);
        var targets = Encoding.UTF8.GetString(package.Read("buildTransitive/ShapeBlock.Api.targets"));
        Assert.Contains("../lib/net10.0/ShapeBlock.Api.xml", targets, StringComparison.Ordinal);
        Assert.Contains("CopyToOutputDirectory", targets, StringComparison.Ordinal);
    }

    /// <summary>The package's portable pdb: from its .snupkg, or embedded in its dll.</summary>
    private MetadataReaderProvider OpenPdb(string id)
    {
        if (ExpectedPackages.Libraries.Single(l => l.Id == id).SymbolPackage)
        {
            using var symbols = new PackageArchive(fixture.PackageFile(id, "snupkg"));
            var pdbEntry = $"lib/net10.0/{id}.pdb";
            Assert.True(symbols.Entries.Contains(pdbEntry), $"{pdbEntry} is not in the snupkg: {string.Join(", ", symbols.Entries)}");
            Assert.Equal(id, symbols.Meta("id"));
            return MetadataReaderProvider.FromPortablePdbImage([.. symbols.Read(pdbEntry)]);
        }

        using var package = new PackageArchive(fixture.PackageFile(id));
        using var pe = new PEReader(new MemoryStream([.. package.Read($"lib/net10.0/{id}.dll")]));
        var embedded = pe.ReadDebugDirectory().Where(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        Assert.True(embedded.Count == 1, $"{id}.dll has no embedded pdb and no symbol package");
        return pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
    }

    /// <summary>License, repository, project URL and tags: the same for every ShapeBlock package.</summary>
    /// <param name="package">The package.</param>
    /// <param name="commit">The commit it was packed from.</param>
    internal static void AssertCommonMetadata(PackageArchive package, string commit)
    {
        var license = package.Element("license");
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("Apache-2.0", license.Value.Trim());

        var repository = package.Element("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal("https://github.com/shapeblock/shapeblock", (string?)repository.Attribute("url"));
        Assert.Equal(commit, (string?)repository.Attribute("commit"));

        Assert.Equal("https://shapeblock.com/", package.Meta("projectUrl"));
        var tags = (package.Meta("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("shapeblock", tags);
        Assert.Contains("kubernetes", tags);
        Assert.False(string.IsNullOrWhiteSpace(package.Meta("copyright")));

        // The icon a feed shows: referenced and a PNG.
        Assert.Equal("icon.png", package.Meta("icon"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, package.Read("icon.png")[..4]);
    }
}

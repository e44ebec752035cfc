namespace ShapeBlock.Packaging.Tests;

/// <summary>A library package and the ShapeBlock packages it must depend on.</summary>
/// <param name="Id">The package id (and the name of its one assembly).</param>
/// <param name="ShapeBlockDependencies">The ShapeBlock packages it depends on, at the same version.</param>
/// <param name="SymbolPackage">True when its pdb ships as a .snupkg; false when the pdb is embedded in the dll
/// (ShapeBlock.Pulumi's default build packs from a nuspec, which makes no symbol package).</param>
public sealed record LibraryPackage(string Id, string[] ShapeBlockDependencies, bool SymbolPackage = true);

/// <summary>What <c>scripts/pack.sh</c> must produce. A new packable project adds one line here.</summary>
public static class ExpectedPackages
{
    /// <summary>The library packages.</summary>
    public static readonly IReadOnlyList<LibraryPackage> Libraries =
    [
        new("ShapeBlock.Api", []),
        new("ShapeBlock.Sdk", ["ShapeBlock.Api"]),
        new("ShapeBlock.Pulumi", ["ShapeBlock.Sdk"], SymbolPackage: false),
    ];

    /// <summary>The real Pulumi packages ShapeBlock.Pulumi depends on (versions pinned in Directory.Packages.props).</summary>
    public static readonly IReadOnlyList<string> PulumiDependencies =
        ["Pulumi", "Pulumi.Command", "Pulumi.DigitalOcean", "Pulumi.HCloud", "Pulumi.Kubernetes", "Pulumi.Random"];

    /// <summary>The template pack.</summary>
    public const string Templates = "ShapeBlock.Templates";

    /// <summary>The SDK-program templates: built against the packed packages and previewed without credentials.</summary>
    public static readonly IReadOnlyList<string> SdkTemplates = ["shapeblock-apps", "shapeblock-cluster"];

    /// <summary>Library ids as xunit theory data.</summary>
    public static TheoryData<string> LibraryIds => [.. Libraries.Select(l => l.Id)];
}

namespace ShapeBlock.Packaging.Tests;

/// <summary>A library package and the ShapeBlock packages it must depend on.</summary>
/// <param name="Id">The package id (and the name of its one assembly).</param>
/// <param name="ShapeBlockDependencies">The ShapeBlock packages it depends on, at the same version.</param>
public sealed record LibraryPackage(string Id, string[] ShapeBlockDependencies);

/// <summary>What <c>scripts/pack.sh</c> must produce. A new packable project adds one line here.</summary>
public static class ExpectedPackages
{
    /// <summary>The library packages, each with a symbol package.</summary>
    public static readonly IReadOnlyList<LibraryPackage> Libraries =
    [
        new("ShapeBlock.Api", []),
        new("ShapeBlock.Sdk", ["ShapeBlock.Api"]),
    ];

    /// <summary>The template pack.</summary>
    public const string Templates = "ShapeBlock.Templates";

    /// <summary>The SDK-program templates: built against the packed packages and previewed without credentials.</summary>
    public static readonly IReadOnlyList<string> SdkTemplates = ["shapeblock-apps", "shapeblock-cluster"];

    /// <summary>Library ids as xunit theory data.</summary>
    public static TheoryData<string> LibraryIds => [.. Libraries.Select(l => l.Id)];
}

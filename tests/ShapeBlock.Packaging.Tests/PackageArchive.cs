using System.IO.Compression;
using System.Xml.Linq;

namespace ShapeBlock.Packaging.Tests;

/// <summary>A .nupkg or .snupkg opened for reading: its entries and its nuspec.</summary>
public sealed class PackageArchive : IDisposable
{
    private readonly ZipArchive zip;

    /// <summary>Opens a package file.</summary>
    /// <param name="path">The .nupkg or .snupkg.</param>
    public PackageArchive(string path)
    {
        Path = path;
        zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        Metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>The package file.</summary>
    public string Path { get; }

    /// <summary>The nuspec's <c>metadata</c> element (its namespace differs between package types).</summary>
    public XElement Metadata { get; }

    /// <summary>Every entry's path inside the package.</summary>
    public IReadOnlyList<string> Entries => [.. zip.Entries.Select(e => e.FullName)];

    /// <summary>The text of a metadata element, or null when absent.</summary>
    /// <param name="name">Its local name, e.g. <c>id</c>.</param>
    /// <returns>The trimmed text.</returns>
    public string? Meta(string name) => Element(name)?.Value.Trim();

    /// <summary>A metadata element by local name.</summary>
    /// <param name="name">Its local name.</param>
    /// <returns>The element or null.</returns>
    public XElement? Element(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>Reads an entry's bytes.</summary>
    /// <param name="entry">Its path inside the package.</param>
    /// <returns>The content.</returns>
    public byte[] Read(string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException($"{entry} is not in {Path}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => zip.Dispose();
}

using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>A droplet size.</summary>
/// <param name="Slug">e.g. <c>s-2vcpu-4gb</c>.</param>
/// <param name="Memory">Memory in MiB.</param>
/// <param name="Vcpus">vCPUs.</param>
/// <param name="Disk">Disk in GB.</param>
/// <param name="Transfer">Transfer in TB.</param>
/// <param name="PriceMonthly">USD per month.</param>
/// <param name="PriceHourly">USD per hour.</param>
/// <param name="Available">Whether available.</param>
/// <param name="Description">Description.</param>
public sealed record Size(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("memory")] int Memory,
    [property: JsonPropertyName("vcpus")] int Vcpus,
    [property: JsonPropertyName("disk")] int Disk,
    [property: JsonPropertyName("transfer")] double Transfer,
    [property: JsonPropertyName("price_monthly")] double PriceMonthly,
    [property: JsonPropertyName("price_hourly")] double PriceHourly,
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("description")] string Description)
{
    /// <summary>Regions offering the size (all, in the fake).</summary>
    [JsonPropertyName("regions")]
    public IReadOnlyList<string> Regions { get; init; } = DoCatalog.RegionSlugs;
}

/// <summary>A region.</summary>
/// <param name="Slug">e.g. <c>fra1</c>.</param>
/// <param name="Name">e.g. <c>Frankfurt 1</c>.</param>
/// <param name="Available">Whether available.</param>
public sealed record Region(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("available")] bool Available)
{
    /// <summary>Features.</summary>
    [JsonPropertyName("features")]
    public IReadOnlyList<string> Features { get; init; } = ["backups", "ipv6", "metadata", "install_agent", "storage", "image_transfer"];

    /// <summary>Size slugs offered.</summary>
    [JsonPropertyName("sizes")]
    public IReadOnlyList<string> Sizes { get; init; } = DoCatalog.SizeSlugs;
}

/// <summary>A distribution image.</summary>
/// <param name="Id">Image id.</param>
/// <param name="Name">Name.</param>
/// <param name="Distribution">e.g. <c>Ubuntu</c>.</param>
/// <param name="Slug">e.g. <c>ubuntu-24-04-x64</c>.</param>
/// <param name="Public">Whether public.</param>
/// <param name="MinDiskSize">Minimum disk in GB.</param>
/// <param name="SizeGigabytes">Image size in GB.</param>
/// <param name="Type"><c>base</c>.</param>
public sealed record DoImage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("distribution")] string Distribution,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("public")] bool Public,
    [property: JsonPropertyName("min_disk_size")] int MinDiskSize,
    [property: JsonPropertyName("size_gigabytes")] double SizeGigabytes,
    [property: JsonPropertyName("type")] string Type)
{
    /// <summary>Regions.</summary>
    [JsonPropertyName("regions")]
    public IReadOnlyList<string> Regions { get; init; } = DoCatalog.RegionSlugs;

    /// <summary><c>available</c>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "available";
}

/// <summary>The fixed catalogue of sizes, regions and images the fake knows.</summary>
public static class DoCatalog
{
    /// <summary>Region slugs.</summary>
    public static IReadOnlyList<string> RegionSlugs { get; } = ["nyc1", "nyc3", "sfo3", "ams3", "fra1", "lon1", "sgp1", "blr1", "tor1", "syd1"];

    /// <summary>Size slugs.</summary>
    public static IReadOnlyList<string> SizeSlugs { get; } = ["s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-2gb", "s-2vcpu-4gb", "s-4vcpu-8gb", "s-8vcpu-16gb"];

    /// <summary>Sizes (s-2vcpu-4gb is the 4 GB node ShapeBlock targets).</summary>
    public static IReadOnlyList<Size> Sizes { get; } =
    [
        new("s-1vcpu-1gb", 1024, 1, 25, 1, 6, 0.00893, true, "Basic"),
        new("s-1vcpu-2gb", 2048, 1, 50, 2, 12, 0.01786, true, "Basic"),
        new("s-2vcpu-2gb", 2048, 2, 60, 3, 18, 0.02679, true, "Basic"),
        new("s-2vcpu-4gb", 4096, 2, 80, 4, 24, 0.03571, true, "Basic"),
        new("s-4vcpu-8gb", 8192, 4, 160, 5, 48, 0.07143, true, "Basic"),
        new("s-8vcpu-16gb", 16384, 8, 320, 6, 96, 0.14286, true, "Basic"),
    ];

    /// <summary>Regions.</summary>
    public static IReadOnlyList<Region> Regions { get; } =
    [
        new("nyc1", "New York 1", true), new("nyc3", "New York 3", true), new("sfo3", "San Francisco 3", true),
        new("ams3", "Amsterdam 3", true), new("fra1", "Frankfurt 1", true), new("lon1", "London 1", true),
        new("sgp1", "Singapore 1", true), new("blr1", "Bangalore 1", true), new("tor1", "Toronto 1", true),
        new("syd1", "Sydney 1", true),
    ];

    /// <summary>Images.</summary>
    public static IReadOnlyList<DoImage> Images { get; } =
    [
        new(160000001, "24.04 (LTS) x64", "Ubuntu", "ubuntu-24-04-x64", true, 7, 2.1, "base"),
        new(160000002, "22.04 (LTS) x64", "Ubuntu", "ubuntu-22-04-x64", true, 7, 2.0, "base"),
        new(160000003, "12 x64", "Debian", "debian-12-x64", true, 7, 1.5, "base"),
    ];
}

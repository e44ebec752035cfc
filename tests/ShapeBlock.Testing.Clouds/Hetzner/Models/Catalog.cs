using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A server type.</summary>
/// <param name="Id">Type id.</param>
/// <param name="Name">e.g. <c>cx22</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="Cores">CPU cores.</param>
/// <param name="Memory">Memory in GB.</param>
/// <param name="Disk">Disk in GB.</param>
/// <param name="Deprecated">Whether deprecated.</param>
/// <param name="StorageType"><c>local</c>.</param>
/// <param name="CpuType"><c>shared</c> or <c>dedicated</c>.</param>
/// <param name="Architecture"><c>x86</c> or <c>arm</c>.</param>
public sealed record ServerType(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("memory")] double Memory,
    [property: JsonPropertyName("disk")] int Disk,
    [property: JsonPropertyName("deprecated")] bool Deprecated,
    [property: JsonPropertyName("storage_type")] string StorageType,
    [property: JsonPropertyName("cpu_type")] string CpuType,
    [property: JsonPropertyName("architecture")] string Architecture)
{
    /// <summary>Prices (always empty in the fake).</summary>
    [JsonPropertyName("prices")]
    public IReadOnlyList<object> Prices { get; init; } = [];
}

/// <summary>A location.</summary>
/// <param name="Id">Location id.</param>
/// <param name="Name">e.g. <c>fsn1</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="Country">Country code.</param>
/// <param name="City">City.</param>
/// <param name="Latitude">Latitude.</param>
/// <param name="Longitude">Longitude.</param>
/// <param name="NetworkZone">e.g. <c>eu-central</c>.</param>
public sealed record Location(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude,
    [property: JsonPropertyName("network_zone")] string NetworkZone);

/// <summary>A datacenter (one per location in the fake).</summary>
/// <param name="Id">Datacenter id.</param>
/// <param name="Name">e.g. <c>fsn1-dc14</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="Location">Its location.</param>
public sealed record Datacenter(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("location")] Location Location);

/// <summary>A system image.</summary>
/// <param name="Id">Image id.</param>
/// <param name="Type"><c>system</c>.</param>
/// <param name="Status"><c>available</c>.</param>
/// <param name="Name">e.g. <c>ubuntu-24.04</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="DiskSize">Disk size in GB.</param>
/// <param name="OsFlavor"><c>ubuntu</c>, <c>debian</c>, …</param>
/// <param name="OsVersion">e.g. <c>24.04</c>.</param>
/// <param name="Architecture"><c>x86</c> or <c>arm</c>.</param>
public sealed record Image(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("disk_size")] double DiskSize,
    [property: JsonPropertyName("os_flavor")] string OsFlavor,
    [property: JsonPropertyName("os_version")] string OsVersion,
    [property: JsonPropertyName("architecture")] string Architecture)
{
    /// <summary>Always true for system images.</summary>
    [JsonPropertyName("rapid_deploy")]
    public bool RapidDeploy { get; init; } = true;

    /// <summary>Labels (empty).</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>A load balancer type.</summary>
/// <param name="Id">Type id.</param>
/// <param name="Name">e.g. <c>lb11</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="MaxConnections">Connection limit.</param>
/// <param name="MaxServices">Service limit.</param>
/// <param name="MaxTargets">Target limit.</param>
/// <param name="MaxAssignedCertificates">Certificate limit.</param>
public sealed record LoadBalancerType(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("max_connections")] int MaxConnections,
    [property: JsonPropertyName("max_services")] int MaxServices,
    [property: JsonPropertyName("max_targets")] int MaxTargets,
    [property: JsonPropertyName("max_assigned_certificates")] int MaxAssignedCertificates);

/// <summary>The fixed catalogue of types, locations and images the fake knows.</summary>
public static class HetznerCatalog
{
    /// <summary>Server types: cx22 (2 cores, 4 GB) and friends, plus the Arm cax11.</summary>
    public static IReadOnlyList<ServerType> ServerTypes { get; } =
    [
        new(22, "cx22", "CX22", 2, 4, 40, false, "local", "shared", "x86"),
        new(23, "cx32", "CX32", 4, 8, 80, false, "local", "shared", "x86"),
        new(24, "cx42", "CX42", 8, 16, 160, false, "local", "shared", "x86"),
        new(25, "cx52", "CX52", 16, 32, 320, false, "local", "shared", "x86"),
        new(1, "cx11", "CX11", 1, 2, 20, true, "local", "shared", "x86"),
        new(31, "cpx11", "CPX 11", 2, 2, 40, false, "local", "shared", "x86"),
        new(32, "cpx21", "CPX 21", 3, 4, 80, false, "local", "shared", "x86"),
        new(45, "cax11", "CAX11", 2, 4, 40, false, "local", "shared", "arm"),
    ];

    /// <summary>Locations with their network zones.</summary>
    public static IReadOnlyList<Location> Locations { get; } =
    [
        new(1, "fsn1", "Falkenstein DC Park 1", "DE", "Falkenstein", 50.47612, 12.370071, "eu-central"),
        new(2, "nbg1", "Nuremberg DC Park 1", "DE", "Nuremberg", 49.452102, 11.076665, "eu-central"),
        new(3, "hel1", "Helsinki DC Park 1", "FI", "Helsinki", 60.169855, 24.938379, "eu-central"),
        new(4, "ash", "Ashburn, VA", "US", "Ashburn, VA", 39.018, -77.539, "us-east"),
        new(5, "hil", "Hillsboro, OR", "US", "Hillsboro, OR", 45.54222, -122.95194, "us-west"),
        new(6, "sin", "Singapore", "SG", "Singapore", 1.283333, 103.833333, "ap-southeast"),
    ];

    /// <summary>System images.</summary>
    public static IReadOnlyList<Image> Images { get; } =
    [
        new(161547269, "system", "available", "ubuntu-24.04", "Ubuntu 24.04", 5, "ubuntu", "24.04", "x86"),
        new(67794396, "system", "available", "ubuntu-22.04", "Ubuntu 22.04", 5, "ubuntu", "22.04", "x86"),
        new(114690387, "system", "available", "debian-12", "Debian 12", 5, "debian", "12", "x86"),
        new(161547270, "system", "available", "ubuntu-24.04-arm", "Ubuntu 24.04 (Arm)", 5, "ubuntu", "24.04", "arm"),
    ];

    /// <summary>Load balancer types.</summary>
    public static IReadOnlyList<LoadBalancerType> LoadBalancerTypes { get; } =
    [
        new(1, "lb11", "LB11", 10000, 5, 25, 10),
        new(2, "lb21", "LB21", 20000, 15, 75, 25),
        new(3, "lb31", "LB31", 40000, 30, 150, 50),
    ];

    /// <summary>The datacenter of a location.</summary>
    /// <param name="location">The location.</param>
    /// <returns>Its datacenter.</returns>
    public static Datacenter DatacenterOf(Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new Datacenter(location.Id, $"{location.Name}-dc{location.Id + 10}", $"{location.Description} DC", location);
    }
}

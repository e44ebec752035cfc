using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps.Services;

/// <summary>A catalog database: the chart that deploys it and what its connection looks like.</summary>
/// <param name="Type">The catalog type.</param>
/// <param name="Chart">The pinned chart.</param>
/// <param name="DefaultVersion">The image tag when <c>spec.version</c> is empty (a major version: patch updates come with the image).</param>
/// <param name="Port">The port the database listens on.</param>
/// <param name="Scheme">The URL scheme of <c>URL</c>.</param>
/// <param name="Username">The user apps connect as.</param>
/// <param name="Requests">Small-node requests (cpu, memory).</param>
/// <param name="MemoryLimit">Small-node memory limit.</param>
public sealed record CatalogEntry(
    ServiceType Type,
    ChartReference Chart,
    string DefaultVersion,
    int Port,
    string Scheme,
    string Username,
    (string Cpu, string Memory) Requests,
    string MemoryLimit)
{
    /// <summary>The object name the chart gives its StatefulSet and Service: Helm's usual <c>&lt;release&gt;-&lt;chart&gt;</c>, or the release when it already contains the chart name.</summary>
    /// <param name="release">The release (the Service's name).</param>
    /// <returns>The name.</returns>
    public string FullName(string release)
    {
        var name = release.Contains(Chart.Chart, StringComparison.Ordinal) ? release : $"{release}-{Chart.Chart}";
        return name.Length > 63 ? name[..63].TrimEnd('-') : name;
    }
}

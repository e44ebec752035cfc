namespace ShapeBlock.Sdk.Engine;

/// <summary>Where a kind is served: its group/version, plural resource name and scope.</summary>
/// <param name="ApiVersion">The apiVersion (<c>v1</c>, <c>apps/v1</c>).</param>
/// <param name="Kind">The kind.</param>
/// <param name="Plural">The resource name in URLs (<c>deployments</c>).</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
public sealed record ApiResource(string ApiVersion, string Kind, string Plural, bool Namespaced)
{
    /// <summary>The URL path of the collection or of one object.</summary>
    /// <param name="ns">The namespace (ignored for cluster-scoped kinds; null = all namespaces).</param>
    /// <param name="name">The object name, or null for the collection.</param>
    /// <returns>The path, e.g. <c>/apis/apps/v1/namespaces/shop/deployments/web</c>.</returns>
    public string Path(string? ns, string? name = null)
    {
        var root = ApiVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" + ApiVersion : "/api/" + ApiVersion;
        var scope = Namespaced && ns is not null ? $"/namespaces/{Uri.EscapeDataString(ns)}" : "";
        return $"{root}{scope}/{Plural}{(name is null ? "" : "/" + Uri.EscapeDataString(name))}";
    }

    /// <summary>The API group (empty for core).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
}

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>Where a kind lives in the Kubernetes REST API.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>namespaces</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Namespace</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>The <c>apiVersion</c> value, e.g. <c>apps/v1</c> or <c>v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The REST path of a collection or an object.</summary>
    /// <param name="ns">Namespace; null for all namespaces or cluster-scoped kinds.</param>
    /// <param name="name">Object name; null for the collection.</param>
    /// <param name="subresource">Subresource such as <c>status</c>.</param>
    /// <returns>A path relative to the server root, without a leading slash.</returns>
    public string Path(string? ns = null, string? name = null, string? subresource = null)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        var scope = Namespaced && ns is not null ? $"/namespaces/{Uri.EscapeDataString(ns)}" : "";
        var item = name is null ? "" : "/" + Uri.EscapeDataString(name);
        var sub = subresource is null ? "" : "/" + subresource;
        return $"{root}{scope}/{Plural}{item}{sub}";
    }

    /// <inheritdoc />
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}

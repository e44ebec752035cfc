using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Resources;

/// <summary>One served resource type: what discovery lists and what the REST paths address.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Kind">Kind, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">Resource name in paths, e.g. <c>deployments</c>.</param>
/// <param name="Singular">Singular name, e.g. <c>deployment</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ApiResource(string Group, string Version, string Kind, string Plural, string Singular, bool Namespaced)
{
    /// <summary>Short names (<c>deploy</c>).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories (<c>all</c>, <c>shapeblock</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Subresources served: <c>status</c>, <c>log</c>, <c>eviction</c>.</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary>The <c>openAPIV3Schema</c> of a custom resource version; null for built-ins (not validated).</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>Whether this resource comes from a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }

    /// <summary>Printer columns of a custom resource (<c>additionalPrinterColumns</c>).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Kind of the list, e.g. <c>DeploymentList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>Whether the <c>status</c> subresource is served (spec and status are written separately).</summary>
    public bool HasStatus => Subresources.Contains("status");

    /// <summary>The storage identity (versions of one group and resource share storage).</summary>
    public ResourceKey Key => new(Group, Plural);

    /// <summary><c>plural.group</c> as used in API messages, or just the plural for the core group.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary><c>Kind.group</c> as used in validation messages, or just the kind for the core group.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}

/// <summary>Storage identity of a resource type: group and plural (version independent).</summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Resource">Plural resource name.</param>
public readonly record struct ResourceKey(string Group, string Resource)
{
    /// <inheritdoc />
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}

/// <summary>A CRD <c>additionalPrinterColumns</c> entry.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">OpenAPI type (<c>string</c>, <c>integer</c>, <c>date</c>…).</param>
/// <param name="JsonPath">Simple JSON path, e.g. <c>.status.phase</c>.</param>
/// <param name="Priority">0 for the default view, higher for <c>-o wide</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority);

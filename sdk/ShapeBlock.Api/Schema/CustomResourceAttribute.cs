namespace ShapeBlock.Api.Schema;

/// <summary>Whether a custom resource lives in a namespace or in the whole cluster.</summary>
public enum ResourceScope
{
    /// <summary>The resource lives in a namespace.</summary>
    Namespaced,

    /// <summary>The resource is cluster-wide.</summary>
    Cluster,
}

/// <summary>Declares a C# type as the root of a custom resource definition.</summary>
/// <param name="kind">The kind, e.g. <c>App</c>.</param>
/// <param name="plural">The plural resource name, e.g. <c>apps</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CustomResourceAttribute(string kind, string plural) : Attribute
{
    /// <summary>The kind, e.g. <c>App</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The plural resource name used in URLs, e.g. <c>apps</c>.</summary>
    public string Plural { get; } = plural;

    /// <summary>The singular name; defaults to the lower-cased kind.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Namespaced or cluster-scoped.</summary>
    public ResourceScope Scope { get; init; } = ResourceScope.Namespaced;

    /// <summary>Short names for kubectl, e.g. <c>sbapp</c>.</summary>
    public string[] ShortNames { get; init; } = [];
}

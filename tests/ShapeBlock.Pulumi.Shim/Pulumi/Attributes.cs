namespace Pulumi;

/// <summary>Shim of <c>Pulumi.InputAttribute</c>: the wire name of a resource input.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class InputAttribute(string name, bool required = false, bool json = false) : Attribute
{
    // Internal, as in Pulumi: programs cannot read these, only the (shim) serializer does.

    /// <summary>The wire name.</summary>
    internal string Name { get; } = name;

    /// <summary>Whether the input is required.</summary>
    internal bool IsRequired { get; } = required;

    /// <summary>Whether the input is sent as JSON.</summary>
    internal bool Json { get; } = json;
}

/// <summary>Shim of <c>Pulumi.OutputAttribute</c>: the wire name of a resource output.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class OutputAttribute(string? name = null) : Attribute
{
    /// <summary>The wire name.</summary>
    public string? Name { get; } = name;
}

namespace ShapeBlock.Api.Schema;

/// <summary>The value is a Kubernetes quantity (<c>500m</c>, <c>1Gi</c>, <c>2</c>): int-or-string with the quantity pattern.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class QuantityAttribute : Attribute;

/// <summary>Free-form object: unknown fields are kept (<c>x-kubernetes-preserve-unknown-fields</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>A list whose items are unique by the given keys (<c>x-kubernetes-list-type: map</c>).</summary>
/// <param name="keys">The item fields that identify an item.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    /// <summary>The item fields that identify an item.</summary>
    public string[] Keys { get; } = keys;
}

/// <summary>The schema default of a property, applied by the API server when the field is absent.</summary>
/// <param name="value">The default: a string, number or boolean.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaDefaultAttribute(object value) : Attribute
{
    /// <summary>The default value.</summary>
    public object Value { get; } = value;
}

/// <summary>Minimum length of a string, or minimum number of items of a list.</summary>
/// <param name="size">The minimum.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinSizeAttribute(int size) : Attribute
{
    /// <summary>The minimum.</summary>
    public int Size { get; } = size;
}

/// <summary>Maximum length of a string, or maximum number of items of a list.</summary>
/// <param name="size">The maximum.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxSizeAttribute(int size) : Attribute
{
    /// <summary>The maximum.</summary>
    public int Size { get; } = size;
}

namespace ShapeBlock.Sdk.Diff;

/// <summary>How a field changes.</summary>
public enum FieldChangeKind
{
    /// <summary>The field is set where it was not.</summary>
    Add,

    /// <summary>The field's value changes.</summary>
    Change,

    /// <summary>The field (a list item the stack owns) goes away.</summary>
    Remove,
}

/// <summary>One changed field, with values as compact JSON; secret values are <c>(secret)</c>.</summary>
/// <param name="Path">The field path, e.g. <c>spec.port</c>, <c>spec.domains[0].host</c>, <c>metadata.labels["app"]</c>.</param>
/// <param name="Kind">Add, change or remove.</param>
/// <param name="Before">The live value (null when added).</param>
/// <param name="After">The desired value (null when removed).</param>
public sealed record FieldChange(string Path, FieldChangeKind Kind, string? Before, string? After)
{
    /// <summary><c>spec.port: 8080 → 3000</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        FieldChangeKind.Add => $"{Path}: {After}",
        FieldChangeKind.Remove => $"{Path}: {Before} → (removed)",
        _ => $"{Path}: {Before} → {After}",
    };
}

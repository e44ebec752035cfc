namespace ShapeBlock.Operator.Relay;

/// <summary>Identifies one resource in the status outbox: only its latest status is kept.</summary>
/// <param name="ResourceType">The resource kind.</param>
/// <param name="Namespace">The namespace; empty for cluster-scoped resources.</param>
/// <param name="Name">The resource name.</param>
public readonly record struct StatusKey(RelayResourceType ResourceType, string Namespace, string Name)
{
    /// <summary>The key of the resource a status message reports on.</summary>
    /// <param name="status">The status message.</param>
    /// <returns>Its key.</returns>
    public static StatusKey Of(StatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.ResourceType, status.Namespace ?? string.Empty, status.Name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ResourceType}/{Namespace}/{Name}";
}

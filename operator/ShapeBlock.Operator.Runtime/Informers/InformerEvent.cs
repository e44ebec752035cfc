namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>What an informer observed.</summary>
public enum InformerEventType
{
    /// <summary>A new object.</summary>
    Added,

    /// <summary>A changed object (<see cref="InformerEvent{T}.Old"/> is the previous version).</summary>
    Updated,

    /// <summary>A removed object (the last known version).</summary>
    Deleted,

    /// <summary>A periodic resync of an unchanged object: reconcile it, nothing changed in the API.</summary>
    Resync,
}

/// <summary>A change observed by an informer.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Object">The current (or last known) object.</param>
/// <param name="Old">The previous version, for updates.</param>
public sealed record InformerEvent<T>(InformerEventType Type, T Object, T? Old = null)
    where T : class;

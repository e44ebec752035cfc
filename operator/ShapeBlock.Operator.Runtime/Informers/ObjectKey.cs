using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>The key of an object in caches and queues: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
/// <param name="Namespace">The namespace, or null.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of an object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Its key.</returns>
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj) => new(obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}

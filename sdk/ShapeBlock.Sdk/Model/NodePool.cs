namespace ShapeBlock.Sdk.Model;

/// <summary>A group of identical worker nodes named <c>&lt;cluster&gt;-&lt;pool&gt;-&lt;n&gt;</c>.</summary>
/// <param name="name">The pool name (a DNS label).</param>
public sealed class NodePool(string name)
{
    /// <summary>The pool name.</summary>
    public string Name { get; } = name ?? "";

    /// <summary>
    /// Server type or droplet size; the provider's default when empty. Changed on an existing cluster, <c>up</c> resizes
    /// the pool's machines in place, one at a time (drained first); a type with a smaller disk is refused.
    /// </summary>
    public string? Size { get; set; }

    /// <summary>How many nodes (0 or more).</summary>
    public int Count { get; set; } = 1;

    /// <summary>Kubernetes labels every node of the pool gets.</summary>
    public Dictionary<string, string> Labels { get; } = [];

    /// <summary>Taints every node of the pool gets.</summary>
    public List<NodeTaint> Taints { get; } = [];
}

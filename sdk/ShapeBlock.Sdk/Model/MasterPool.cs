namespace ShapeBlock.Sdk.Model;

/// <summary>The k3s servers of a provisioned cluster.</summary>
public sealed class MasterPool
{
    /// <summary>How many servers: 1, or 3 or 5 for high availability (embedded etcd needs an odd quorum).</summary>
    public int Count { get; set; } = 1;

    /// <summary>
    /// Server type or droplet size, e.g. <c>cx22</c> or <c>s-2vcpu-4gb</c>; the provider's default when empty. Changed on
    /// an existing cluster, <c>up</c> resizes the masters in place, one at a time (the only master only with <c>--force</c>).
    /// </summary>
    public string? Size { get; set; }

    /// <summary>Run workloads on the servers too (default: true for a single server, false otherwise).</summary>
    public bool? Schedulable { get; set; }
}

namespace ShapeBlock.Sdk.Provisioning.Cloud;

/// <summary>A server or droplet of the cluster as the cloud reports it (found by its cluster label/tag).</summary>
/// <param name="Id">The cloud's id.</param>
/// <param name="Name">The name, e.g. <c>prod-master-1</c>.</param>
/// <param name="Role"><c>master</c> or <c>worker</c>.</param>
/// <param name="Pool">The pool (<c>master</c> for masters).</param>
/// <param name="Status">The cloud's status, e.g. <c>running</c> or <c>active</c>.</param>
/// <param name="PublicAddress">The public IPv4, or null while unknown.</param>
/// <param name="PrivateAddress">The address on the cluster's private network, or null while unknown.</param>
internal sealed record CloudMachine(string Id, string Name, string Role, string Pool, string Status, string? PublicAddress, string? PrivateAddress)
{
    /// <summary>The server type or droplet size it runs as now (<c>cx22</c>, <c>s-2vcpu-4gb</c>); null when the cloud did not say.</summary>
    public string? Size { get; init; }

    /// <summary>Its disk in GB (grows with a type change that upgrades the disk and can never shrink); null when unknown.</summary>
    public int? DiskGb { get; init; }
}

/// <summary>A machine to create.</summary>
/// <param name="Name">The name, e.g. <c>prod-workers-3</c>.</param>
/// <param name="Role"><c>master</c> or <c>worker</c>.</param>
/// <param name="Pool">The pool (<c>master</c> for masters).</param>
/// <param name="Size">Server type or droplet size.</param>
/// <param name="Labels">More cloud labels (e.g. the stack), besides cluster, role and pool.</param>
internal sealed record MachineSpec(string Name, string Role, string Pool, string Size, IReadOnlyDictionary<string, string> Labels);

namespace ShapeBlock.Sdk.Provisioning.Cloud;

/// <summary>
/// What a cloud holds of one cluster, found by the same label/tag/name lookups provisioning uses to be idempotent,
/// read with listing calls only (for the diff of <c>preview</c> and <c>up</c>).
/// </summary>
/// <param name="Provider"><c>hetzner</c> or <c>digitalocean</c>.</param>
/// <param name="Machines">The servers/droplets labelled with the cluster.</param>
/// <param name="Resources">The other resources found: SSH key, network/VPC, firewall, API load balancer, with what would change.</param>
internal sealed record CloudInventory(string Provider, IReadOnlyList<CloudMachine> Machines, IReadOnlyList<InspectedResource> Resources);

/// <summary>One cloud resource that exists, with the differences <c>up</c> would correct.</summary>
/// <param name="Type">The plan's resource type: <c>ssh_key</c>, <c>network</c>, <c>vpc</c>, <c>firewall</c>, <c>load_balancer</c>.</param>
/// <param name="Name">The plan's resource name (<c>prod-firewall</c>).</param>
/// <param name="Changes">What differs (empty when it matches): field, what the cloud has, what <c>up</c> sets.</param>
internal sealed record InspectedResource(string Type, string Name, IReadOnlyList<InspectedChange> Changes);

/// <summary>A field that differs between the cloud and what <c>up</c> sets.</summary>
/// <param name="Path">The field, e.g. <c>rules[tcp 22].source_ips</c>.</param>
/// <param name="Before">What the cloud has.</param>
/// <param name="After">What <c>up</c> sets.</param>
internal sealed record InspectedChange(string Path, string? Before, string? After);

/// <summary>A cloud that can say what it holds of a cluster without changing anything.</summary>
internal interface ICloudInspector
{
    /// <summary>Lists the cluster's machines and shared resources (GET requests only).</summary>
    /// <param name="ct">Cancels.</param>
    /// <returns>The inventory.</returns>
    Task<CloudInventory> InspectAsync(CancellationToken ct);
}

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// A connector that owns the machines of its clusters (Hetzner, DigitalOcean, SSH machines), so it can tell whether a
/// cluster exists yet and can remove it whole. <c>destroy</c> of such a cluster removes the infrastructure
/// <em>instead of</em> deleting the stack's Kubernetes objects one by one: deleting the machines removes everything
/// on them, works on a half-created cluster whose API never came up, and needs no API server at all.
/// </summary>
public interface IInfrastructureConnector : IClusterConnector
{
    /// <summary>Connects to the cluster when it exists; creates nothing.</summary>
    /// <param name="request">The cluster (<see cref="ClusterConnectRequest.Provision"/> is ignored).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The connection, or null when the cluster has not been created yet.</returns>
    Task<ClusterConnection?> FindAsync(ClusterConnectRequest request, CancellationToken cancellationToken);

    /// <summary>Removes the cluster's machines and everything created with them; does nothing when they are gone already.</summary>
    /// <param name="request">The cluster.</param>
    /// <param name="cancellationToken">Stops the work; running destroy again continues.</param>
    /// <returns>A task.</returns>
    Task DestroyAsync(ClusterConnectRequest request, CancellationToken cancellationToken);
}

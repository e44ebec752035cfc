using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// The seam between node sources and the Kubernetes engine: given a cluster, make sure it exists and yield a
/// kubeconfig for it. <see cref="ExistingClusterConnector"/> reads the given kubeconfig; provisioning
/// connectors (Hetzner, DigitalOcean, SSH machines) create machines, install k3s and recover the kubeconfig.
/// </summary>
public interface IClusterConnector
{
    /// <summary>True when this connector handles the cluster's node source.</summary>
    /// <param name="source">The node source.</param>
    /// <returns>Whether <see cref="ConnectAsync"/> may be called.</returns>
    bool Supports(NodeSource source);

    /// <summary>Makes the cluster reachable (provisioning it when the connector does that) and returns how to reach it.</summary>
    /// <param name="request">The cluster, its plan steps and where secrets are read.</param>
    /// <param name="cancellationToken">Stops the work; a re-run finishes it.</param>
    /// <returns>The connection.</returns>
    Task<ClusterConnection> ConnectAsync(ClusterConnectRequest request, CancellationToken cancellationToken);
}

/// <summary>What a connector gets.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Steps">The cluster's cloud and host steps of the plan (empty for existing clusters).</param>
/// <param name="Secrets">Where secrets are read.</param>
/// <param name="Provision">True for <c>up</c> (create what is missing); false for <c>status</c>, <c>kubeconfig</c> and <c>destroy</c> (connect only).</param>
public sealed record ClusterConnectRequest(Cluster Cluster, IReadOnlyList<PlanStep> Steps, SecretResolver Secrets, bool Provision)
{
    /// <summary>Where progress is shown (provisioning phases); nothing is shown when null.</summary>
    public IEngineReporter? Reporter { get; init; }

    /// <summary>
    /// Do what provisioning refuses by default (<c>up --force</c>): remove masters below etcd's quorum, remove a node
    /// whose pods cannot be evicted within the drain timeout, install on hosts under the memory minimum.
    /// </summary>
    public bool Force { get; init; }
}

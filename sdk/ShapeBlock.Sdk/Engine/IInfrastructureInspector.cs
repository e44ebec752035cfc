using ShapeBlock.Sdk.Diff;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// A connector that can say what exists of a cluster's machines without changing anything (the cloud part of the diff
/// of <c>preview</c> and <c>up</c>): the cloud resources found by the cluster's label, and those no longer declared.
/// </summary>
public interface IInfrastructureInspector
{
    /// <summary>Reads the cluster's cloud resources (listing calls only).</summary>
    /// <param name="request">The cluster and its cloud/host plan steps.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>What exists (<see cref="InfrastructureState.Nodes"/> and <see cref="InfrastructureState.Connected"/> are filled in by the engine).</returns>
    /// <exception cref="MissingCredentialsException">A token or key cannot be read (names it).</exception>
    /// <exception cref="ClusterUnreachableException">The cloud cannot be read.</exception>
    Task<InfrastructureState> InspectAsync(ClusterConnectRequest request, CancellationToken cancellationToken);
}

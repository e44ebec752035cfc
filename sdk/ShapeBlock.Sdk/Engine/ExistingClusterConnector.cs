using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Engine;

/// <summary>Connects to an <see cref="ExistingCluster"/>: reads its kubeconfig (file or secret); never provisions anything.</summary>
public sealed class ExistingClusterConnector : IClusterConnector
{
    /// <inheritdoc />
    public bool Supports(NodeSource source) => source is ExistingCluster;

    /// <inheritdoc />
    public Task<ClusterConnection> ConnectAsync(ClusterConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = (ExistingCluster)request.Cluster.Args.Provider!;
        if (!source.Kubeconfig.IsAvailable(request.Secrets, out var problem))
        {
            throw new MissingCredentialsException($"{request.Cluster.Name}: the kubeconfig cannot be read: {problem}");
        }

        var path = source.KubeconfigPath is null ? null : request.Secrets.ResolvePath(source.KubeconfigPath);
        return Task.FromResult(new ClusterConnection(request.Cluster.Name, source.Kubeconfig.Reveal(request.Secrets), source.Context, path));
    }
}

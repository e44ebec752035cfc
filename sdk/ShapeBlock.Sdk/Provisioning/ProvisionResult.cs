namespace ShapeBlock.Sdk.Provisioning;

/// <summary>A node of a provisioned cluster.</summary>
/// <param name="Name">Node (and server) name, e.g. <c>prod-master-1</c>.</param>
/// <param name="Role"><c>master</c> or <c>worker</c>.</param>
/// <param name="Pool">The pool (<c>master</c> for masters).</param>
/// <param name="PublicAddress">The address SSH reaches.</param>
/// <param name="PrivateAddress">The address on the private network (k3s <c>--node-ip</c>).</param>
public sealed record ProvisionedNode(string Name, string Role, string Pool, string PublicAddress, string PrivateAddress);

/// <summary>What <see cref="ClusterProvisioner.UpAsync"/> returns: the kubeconfig (a secret), the API endpoint and the nodes.</summary>
/// <param name="kubeconfig">The admin kubeconfig, pointing at the API endpoint.</param>
/// <param name="apiEndpoint">The public Kubernetes API URL (load balancer for 3 or 5 masters), e.g. <c>https://203.0.113.5:6443</c>.</param>
/// <param name="nodes">The nodes.</param>
/// <param name="warnings">Warnings raised on the way (small hosts, forced drains…).</param>
public sealed class ProvisionResult(string kubeconfig, string apiEndpoint, IReadOnlyList<ProvisionedNode> nodes, IReadOnlyList<string> warnings)
{
    /// <summary>The admin kubeconfig (a secret: write it with mode 0600, never print it).</summary>
    public string Kubeconfig { get; } = kubeconfig;

    /// <summary>The public Kubernetes API URL.</summary>
    public string ApiEndpoint { get; } = apiEndpoint;

    /// <summary>The nodes, masters first.</summary>
    public IReadOnlyList<ProvisionedNode> Nodes { get; } = nodes;

    /// <summary>Warnings raised on the way.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;

    /// <summary>Endpoint and node count; never the kubeconfig.</summary>
    /// <returns>A summary line.</returns>
    public override string ToString() => $"{ApiEndpoint} ({Nodes.Count} node{(Nodes.Count == 1 ? "" : "s")}, kubeconfig ***)";
}

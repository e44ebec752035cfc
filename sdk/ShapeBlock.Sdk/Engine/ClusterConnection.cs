using k8s;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// How the engine reaches one cluster's API server: a kubeconfig (a secret: <see cref="ToString"/> shows the
/// server only) and the context to use. Made by an <see cref="IClusterConnector"/>.
/// </summary>
public sealed class ClusterConnection
{
    private readonly string kubeconfig;

    /// <summary>Creates a connection from kubeconfig text.</summary>
    /// <param name="cluster">The cluster name in the stack.</param>
    /// <param name="kubeconfig">The kubeconfig YAML (kept private; never printed except by the <c>kubeconfig</c> command).</param>
    /// <param name="context">The context; the kubeconfig's current context when null.</param>
    /// <param name="kubeconfigPath">The file it was read from, when there is one.</param>
    public ClusterConnection(string cluster, string kubeconfig, string? context, string? kubeconfigPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        ArgumentNullException.ThrowIfNull(kubeconfig);
        Cluster = cluster;
        this.kubeconfig = kubeconfig;
        Context = context;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The cluster name in the stack.</summary>
    public string Cluster { get; }

    /// <summary>The kubeconfig context; null for its current context.</summary>
    public string? Context { get; }

    /// <summary>The kubeconfig file, when the connection came from one.</summary>
    public string? KubeconfigPath { get; }

    /// <summary>
    /// The public IPv4 address the cluster's ingress is reached at, when the connector knows it (clusters it provisioned:
    /// the first master's public address); null to read it from the cluster (the ingress controller's Service, else the nodes).
    /// Used for <c>${&lt;cluster&gt;.ingress-address}</c> when the cluster has no <c>Addons.BaseDomain</c>.
    /// </summary>
    public string? IngressAddress { get; init; }

    /// <summary>The cluster name and kubeconfig source; never the kubeconfig.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"cluster {Cluster} ({KubeconfigPath ?? "kubeconfig from a secret"})";

    /// <summary>The client configuration.</summary>
    /// <exception cref="MissingCredentialsException">The kubeconfig cannot be used (the message names the cluster, not the content).</exception>
    internal KubernetesClientConfiguration Configuration()
    {
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig));
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream, Context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The loader's message may quote the file; say only what and where.
            throw new MissingCredentialsException(
                $"the kubeconfig of cluster '{Cluster}' ({KubeconfigPath ?? "from a secret"}{(Context is null ? "" : ", context " + Context)}) cannot be used: {e.GetType().Name}. "
                + "Check that it is a kubeconfig file and that the context exists.");
        }
    }

    /// <summary>The kubeconfig itself (the <c>kubeconfig</c> command prints it on request).</summary>
    internal string Reveal() => kubeconfig;
}

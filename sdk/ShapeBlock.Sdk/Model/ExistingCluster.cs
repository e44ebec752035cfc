namespace ShapeBlock.Sdk.Model;

/// <summary>
/// A cluster that already exists (EKS, AKS, GKE, DOKS, k3s, any): ShapeBlock installs helm-controller,
/// the add-ons and the operator into it, and on destroy removes them, never the cluster.
/// </summary>
public sealed class ExistingCluster : NodeSource
{
    private ExistingCluster(Secret kubeconfig, string? context, string? path)
    {
        Kubeconfig = kubeconfig;
        Context = context;
        KubeconfigPath = path;
    }

    /// <summary>The kubeconfig (it holds credentials, so it is a <see cref="Secret"/>).</summary>
    public Secret Kubeconfig { get; }

    /// <summary>The kubeconfig path when it was given as one.</summary>
    public string? KubeconfigPath { get; }

    /// <summary>The kubeconfig context; its current context when empty.</summary>
    public string? Context { get; }

    /// <inheritdoc />
    public override string Kind => "kubeconfig";

    /// <inheritdoc />
    public override bool InstallsK3s => false;

    /// <summary>A cluster reached through a kubeconfig file.</summary>
    /// <param name="path">The kubeconfig path, e.g. <c>~/.kube/config</c>.</param>
    /// <param name="context">The context to use; the file's current context when empty.</param>
    /// <returns>The node source.</returns>
    public static ExistingCluster FromKubeconfig(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ExistingCluster(Secret.FromFile(path), context, path);
    }

    /// <summary>A cluster reached through a kubeconfig held in a secret (e.g. an environment variable in CI).</summary>
    /// <param name="kubeconfig">The kubeconfig content.</param>
    /// <param name="context">The context to use; the kubeconfig's current context when empty.</param>
    /// <returns>The node source.</returns>
    public static ExistingCluster FromKubeconfig(Secret kubeconfig, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(kubeconfig);
        return new ExistingCluster(kubeconfig, context, kubeconfig.FilePath);
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"existing cluster ({(KubeconfigPath is null ? "kubeconfig from " + Kubeconfig.Source : KubeconfigPath)}{(Context is null ? "" : ", context " + Context)})";

    /// <inheritdoc />
    internal override IEnumerable<(string What, Secret Secret)> Credentials => [("kubeconfig", Kubeconfig)];
}

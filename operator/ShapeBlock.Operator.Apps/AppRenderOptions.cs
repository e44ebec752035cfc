namespace ShapeBlock.Operator.Apps;

/// <summary>Cluster-wide settings of app deploys (from the operator's configuration).</summary>
public sealed record AppRenderOptions
{
    /// <summary>The chart apps are deployed with (pinned).</summary>
    public ChartReference Chart { get; init; } = NxsUniversalChart.Reference;

    /// <summary>IngressClass of every app Ingress.</summary>
    public string IngressClassName { get; init; } = "nginx";

    /// <summary>cert-manager ClusterIssuer that signs the certificates of TLS domains.</summary>
    public string ClusterIssuer { get; init; } = "letsencrypt";

    /// <summary>Pull secret of app pods when the App names none (the registry Secret every project gets).</summary>
    public string DefaultRegistrySecret { get; init; } = "registry-creds";

    /// <summary>helm-controller's <c>spec.backOffLimit</c>: retries of a failing install/upgrade Job.</summary>
    public int HelmBackOffLimit { get; init; } = 2;

    /// <summary>
    /// Top-level chart keys user helmValues may not set. <c>extraDeploy</c> renders arbitrary manifests,
    /// which the Helm job (cluster-admin under helm-controller) would apply anywhere in the cluster.
    /// </summary>
    public IReadOnlyList<string> BlockedValueKeys { get; init; } = ["extraDeploy"];
}

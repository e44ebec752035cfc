namespace ShapeBlock.Sdk;

/// <summary>The pinned versions of everything the platform installs (one place to bump them).</summary>
public static class PlatformVersions
{
    /// <summary>The k3s release installed on provisioned nodes.</summary>
    public const string K3s = "v1.33.5+k3s1";

    /// <summary>The official k3s install script.</summary>
    public const string K3sInstallScriptUrl = "https://get.k3s.io";

    /// <summary>The standalone helm-controller image tag (existing clusters; k3s has it built in).</summary>
    public const string HelmController = "v0.16.13";

    /// <summary>The ingress-nginx chart (https://kubernetes.github.io/ingress-nginx).</summary>
    public const string IngressNginxChart = "4.12.3";

    /// <summary>The traefik chart (https://traefik.github.io/charts), for existing clusters.</summary>
    public const string TraefikChart = "35.4.0";

    /// <summary>The cert-manager chart (https://charts.jetstack.io).</summary>
    public const string CertManagerChart = "v1.17.2";

    /// <summary>The docker-registry chart (https://helm.twun.io).</summary>
    public const string RegistryChart = "2.3.0";

    /// <summary>The ShapeBlock operator image tag (<c>ghcr.io/shapeblock/operator</c>).</summary>
    public const string Operator = "0.1.0";
}

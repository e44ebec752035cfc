namespace ShapeBlock.Sdk.Model;

/// <summary>Platform add-ons installed into every cluster (pinned versions, small-node resource values).</summary>
public sealed class Addons
{
    /// <summary>The ingress controller.</summary>
    public Ingress Ingress { get; set; } = Ingress.Nginx;

    /// <summary>cert-manager with a Let's Encrypt ClusterIssuer (HTTP-01); without it, app domains are served over plain HTTP.</summary>
    public CertManagerOptions? CertManager { get; set; }

    /// <summary>The in-cluster image registry that builds push to.</summary>
    public RegistryOptions Registry { get; set; } = new();

    /// <summary>
    /// The base domain (point a wildcard record <c>*.&lt;domain&gt;</c> at the ingress address); when empty,
    /// <c>&lt;ingress-address&gt;.nip.io</c>, known after <c>up</c>.
    /// </summary>
    public string? BaseDomain { get; set; }
}

/// <summary>The ingress controller of a cluster.</summary>
public enum Ingress
{
    /// <summary>ingress-nginx (k3s's bundled traefik is disabled).</summary>
    Nginx,

    /// <summary>Traefik (bundled with k3s; installed as a chart on existing clusters).</summary>
    Traefik,
}

/// <summary>cert-manager settings.</summary>
/// <param name="Email">The Let's Encrypt account email (expiry notices go there).</param>
public sealed record CertManagerOptions(string Email)
{
    /// <summary>Use the Let's Encrypt staging endpoint (untrusted certificates, generous rate limits).</summary>
    public bool Staging { get; init; }
}

/// <summary>The in-cluster image registry.</summary>
public sealed record RegistryOptions
{
    /// <summary>Size of the registry's volume.</summary>
    public string Storage { get; init; } = "10Gi";

    /// <summary>The registry's host name; <c>registry.&lt;base domain&gt;</c> when empty.</summary>
    public string? Host { get; init; }

    /// <summary>The user of the generated htpasswd credentials.</summary>
    public string User { get; init; } = "shapeblock";
}

using Pulumi;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi;

/// <summary>
/// Arguments of a <see cref="Cluster"/>. Settings that decide which resources exist (provider, counts, sizes,
/// add-ons) are plain values, because the SDK core plans the cluster from them when the program runs; credentials and
/// keys are inputs, and the token and private key are kept secret.
/// </summary>
public sealed class ClusterArgs : ResourceArgs
{
    private Input<string>? token;
    private Input<string>? sshPrivateKey;

    /// <summary><c>hetzner</c> or <c>digitalocean</c>.</summary>
    [Input("provider", required: true)]
    public string Provider { get; set; } = "hetzner";

    /// <summary>The Hetzner location (<c>fsn1</c>, …) or DigitalOcean region (<c>fra1</c>, …); the SDK's default when empty.</summary>
    [Input("location")]
    public string? Location { get; set; }

    /// <summary>The OS image of every machine; the SDK's default when empty.</summary>
    [Input("image")]
    public string? Image { get; set; }

    /// <summary>The private network's range; the SDK's default when empty.</summary>
    [Input("networkCidr")]
    public string? NetworkCidr { get; set; }

    /// <summary>
    /// Where SSH (22) and the Kubernetes API (6443) may be reached from: IPv4/IPv6 CIDR blocks such as
    /// <c>203.0.113.7/32</c>; anywhere (<c>0.0.0.0/0</c>, <c>::/0</c>) when empty. The firewall's other rules do not change.
    /// </summary>
    [Input("adminCidrs")]
    public List<string>? AdminCidrs { get; set; }

    /// <summary>The k3s servers: 1, 3 or 5 (3 and 5 get an API load balancer).</summary>
    [Input("masters")]
    public int Masters { get; set; } = 1;

    /// <summary>The masters' server type or droplet size; the provider's default when empty.</summary>
    [Input("masterSize")]
    public string? MasterSize { get; set; }

    /// <summary>Run workloads on the masters too (default: only with a single master).</summary>
    [Input("mastersSchedulable")]
    public bool? MastersSchedulable { get; set; }

    /// <summary>Worker pools.</summary>
    [Input("nodePools")]
    public List<NodePoolArgs> NodePools { get; set; } = [];

    /// <summary>The k3s version; the SDK's pinned version when empty.</summary>
    [Input("k3sVersion")]
    public string? K3sVersion { get; set; }

    /// <summary>The ShapeBlock operator version; the SDK's when empty.</summary>
    [Input("operatorVersion")]
    public string? OperatorVersion { get; set; }

    /// <summary>The ingress controller.</summary>
    [Input("ingress")]
    public Model.Ingress Ingress { get; set; } = Model.Ingress.Nginx;

    /// <summary>The base domain of apps and the registry; <c>&lt;first master IP&gt;.nip.io</c> when empty.</summary>
    [Input("baseDomain")]
    public string? BaseDomain { get; set; }

    /// <summary>Let's Encrypt account e-mail: set it to install cert-manager and issue certificates.</summary>
    [Input("letsEncryptEmail")]
    public string? LetsEncryptEmail { get; set; }

    /// <summary>The provider API token (Hetzner Cloud or DigitalOcean), e.g. <c>config.RequireSecret("hcloudToken")</c>; stored as a secret.</summary>
    [Input("token", required: true)]
    public Input<string>? Token
    {
        get => token;
        set => token = Secret(value);
    }

    /// <summary>The public key installed on every machine (its contents, e.g. <c>File.ReadAllText("~/.ssh/id_ed25519.pub")</c>).</summary>
    [Input("sshPublicKey", required: true)]
    public Input<string>? SshPublicKey { get; set; }

    /// <summary>The private key k3s is installed with; the SSH agent's when empty. Stored as a secret.</summary>
    [Input("sshPrivateKey")]
    public Input<string>? SshPrivateKey
    {
        get => sshPrivateKey;
        set => sshPrivateKey = Secret(value);
    }

    private static Input<string>? Secret(Input<string>? value) => value is null ? null : (Input<string>)Output.CreateSecret(value.ToOutput());
}

/// <summary>A pool of identical workers named <c>&lt;cluster&gt;-&lt;pool&gt;-&lt;n&gt;</c>.</summary>
public sealed class NodePoolArgs : ResourceArgs
{
    /// <summary>The pool name (a DNS label).</summary>
    [Input("name", required: true)]
    public string Name { get; set; } = "";

    /// <summary>How many nodes.</summary>
    [Input("count")]
    public int Count { get; set; } = 1;

    /// <summary>Server type or droplet size; the provider's default when empty.</summary>
    [Input("size")]
    public string? Size { get; set; }

    /// <summary>Kubernetes labels of every node of the pool.</summary>
    [Input("labels")]
    public Dictionary<string, string> Labels { get; set; } = [];
}

namespace ShapeBlock.Sdk.Model;

/// <summary>Nodes are DigitalOcean droplets in one VPC, behind a cloud firewall (and a load balancer for 3 or 5 masters).</summary>
public sealed class DigitalOceanProvider : NodeSource
{
    /// <summary>The default droplet size: 2 vCPU, 4 GB.</summary>
    public const string DefaultSize = "s-2vcpu-4gb";

    /// <summary>The API token, e.g. <c>Secret.FromEnvironment("DIGITALOCEAN_TOKEN")</c>.</summary>
    public Secret? Token { get; set; }

    /// <summary>The region, e.g. <c>fra1</c>, <c>ams3</c>, <c>nyc3</c>.</summary>
    public string Region { get; set; } = "fra1";

    /// <summary>The droplet image.</summary>
    public string Image { get; set; } = "ubuntu-24-04-x64";

    /// <summary>The VPC's address range.</summary>
    public string VpcCidr { get; set; } = "10.10.0.0/16";

    /// <summary>The public key registered as <c>&lt;cluster&gt;-key</c> (a file path).</summary>
    public string SshPublicKeyFile { get; set; } = "~/.ssh/id_ed25519.pub";

    /// <summary>The private key used to install k3s over SSH; the SSH agent when empty.</summary>
    public Secret? SshPrivateKey { get; set; }

    /// <inheritdoc />
    public override string Kind => "digitalocean";

    /// <inheritdoc />
    public override bool CreatesMachines => true;

    /// <inheritdoc />
    public override string Describe() => $"digitalocean {Region}";

    /// <inheritdoc />
    internal override IEnumerable<(string What, Secret Secret)> Credentials =>
        Token is null ? [] : [("DigitalOcean API token", Token)];
}

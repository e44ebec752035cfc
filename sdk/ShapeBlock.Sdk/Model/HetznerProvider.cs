namespace ShapeBlock.Sdk.Model;

/// <summary>Nodes are Hetzner Cloud servers in one private network, behind a firewall (and a load balancer for 3 or 5 masters).</summary>
public sealed class HetznerProvider : NodeSource
{
    /// <summary>The default server type: 2 vCPU, 4 GB.</summary>
    public const string DefaultServerType = "cx22";

    /// <summary>The API token (read/write), e.g. <c>Secret.FromEnvironment("HCLOUD_TOKEN")</c>.</summary>
    public Secret? Token { get; set; }

    /// <summary>The location, e.g. <c>fsn1</c>, <c>nbg1</c>, <c>hel1</c>, <c>ash</c>.</summary>
    public string Location { get; set; } = "fsn1";

    /// <summary>The network zone of the private network's subnet (<c>eu-central</c> for the European locations).</summary>
    public string NetworkZone { get; set; } = "eu-central";

    /// <summary>The OS image of every server.</summary>
    public string Image { get; set; } = "ubuntu-24.04";

    /// <summary>The private network's address range.</summary>
    public string NetworkCidr { get; set; } = "10.0.0.0/16";

    /// <summary>The public key uploaded as <c>&lt;cluster&gt;-key</c> (a file path); its private key is <see cref="SshPrivateKey"/> or the SSH agent's.</summary>
    public string SshPublicKeyFile { get; set; } = "~/.ssh/id_ed25519.pub";

    /// <summary>The private key used to install k3s over SSH; the SSH agent when empty.</summary>
    public Secret? SshPrivateKey { get; set; }

    /// <inheritdoc />
    public override string Kind => "hetzner";

    /// <inheritdoc />
    public override bool CreatesMachines => true;

    /// <inheritdoc />
    public override string Describe() => $"hetzner {Location}";

    /// <inheritdoc />
    internal override IEnumerable<(string What, Secret Secret)> Credentials =>
        Token is null ? [] : [("Hetzner API token", Token)];
}

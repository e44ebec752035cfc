namespace ShapeBlock.Sdk.Model;

/// <summary>Settings of a <see cref="Cluster"/>.</summary>
public sealed class ClusterArgs
{
    /// <summary>
    /// Where the nodes come from: <see cref="HetznerProvider"/>, <see cref="DigitalOceanProvider"/>,
    /// <see cref="SshMachines"/> or <see cref="ExistingCluster.FromKubeconfig(string, string?)"/>.
    /// </summary>
    public NodeSource? Provider { get; set; }

    /// <summary>The k3s servers (control plane): 1, 3 or 5. Not used for existing clusters; for SSH machines the count is the number of master hosts.</summary>
    public MasterPool Masters { get; set; } = new();

    /// <summary>Worker pools (cloud providers). SSH machines list their workers as hosts instead.</summary>
    public List<NodePool> NodePools { get; } = [];

    /// <summary>
    /// Where SSH (port 22) and the Kubernetes API (port 6443) of a cloud cluster may be reached from: IPv4/IPv6 CIDR
    /// blocks such as <c>203.0.113.7/32</c> (one office address) or <c>2001:db8::/48</c>. Default: anywhere
    /// (<c>0.0.0.0/0</c> and <c>::/0</c>). The Hetzner and DigitalOcean firewalls take these as the sources of those two
    /// ports (HTTP/HTTPS stay open to anywhere; the private network stays open between nodes); changing the list updates
    /// the firewall on the next <c>up</c>. The machine running <c>up</c> must be inside one of the blocks. SSH machines
    /// and existing clusters get no firewall from ShapeBlock, so the setting does not apply to them.
    /// </summary>
    public IReadOnlyList<string> AdminCidrs { get; set; } = Validation.Cidr.Anywhere;

    /// <summary>Platform add-ons: ingress, certificates, registry, base domain.</summary>
    public Addons Addons { get; set; } = new();

    /// <summary>The k3s version, e.g. <c>v1.33.5+k3s1</c>; <see cref="PlatformVersions.K3s"/> when empty.</summary>
    public string? K3sVersion { get; set; }

    /// <summary>Where the k3s install script is downloaded from (an air-gapped mirror); <c>https://get.k3s.io</c> when empty.</summary>
    public string? K3sInstallScriptUrl { get; set; }

    /// <summary>The ShapeBlock operator version (image tag); <see cref="PlatformVersions.Operator"/> when empty.</summary>
    public string? OperatorVersion { get; set; }

    /// <summary><see cref="AdminCidrs"/> in the canonical form the clouds echo back (so a re-<c>up</c> compares equal).</summary>
    internal IReadOnlyList<string> AdminSources => [.. AdminCidrs.Select(Validation.Cidr.Canonical)];
}

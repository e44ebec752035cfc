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

    /// <summary>Platform add-ons: ingress, certificates, registry, base domain.</summary>
    public Addons Addons { get; set; } = new();

    /// <summary>The k3s version, e.g. <c>v1.33.5+k3s1</c>; <see cref="PlatformVersions.K3s"/> when empty.</summary>
    public string? K3sVersion { get; set; }

    /// <summary>Where the k3s install script is downloaded from (an air-gapped mirror); <c>https://get.k3s.io</c> when empty.</summary>
    public string? K3sInstallScriptUrl { get; set; }

    /// <summary>The ShapeBlock operator version (image tag); <see cref="PlatformVersions.Operator"/> when empty.</summary>
    public string? OperatorVersion { get; set; }
}

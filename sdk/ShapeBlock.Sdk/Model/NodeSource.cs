namespace ShapeBlock.Sdk.Model;

/// <summary>Where a cluster's nodes come from. One of <see cref="HetznerProvider"/>, <see cref="DigitalOceanProvider"/>, <see cref="SshMachines"/>, <see cref="ExistingCluster"/>.</summary>
public abstract class NodeSource
{
    private protected NodeSource()
    {
    }

    /// <summary>Short name used in plans and messages: <c>hetzner</c>, <c>digitalocean</c>, <c>ssh</c>, <c>kubeconfig</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>True when ShapeBlock installs k3s on the nodes (every source except <see cref="ExistingCluster"/>).</summary>
    public virtual bool InstallsK3s => true;

    /// <summary>True when ShapeBlock creates the machines (cloud providers).</summary>
    public virtual bool CreatesMachines => false;

    /// <summary>One line describing the source for previews, e.g. <c>hetzner fsn1</c>. Never contains a secret.</summary>
    public abstract string Describe();

    /// <summary>The credentials <c>up</c> needs (a preview works without them).</summary>
    internal abstract IEnumerable<(string What, Secret Secret)> Credentials { get; }
}

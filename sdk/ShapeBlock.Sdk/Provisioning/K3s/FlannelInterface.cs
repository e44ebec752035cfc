using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Provisioning.K3s;

/// <summary>
/// Picks flannel's <c>--flannel-iface</c> for a node: the interface that carries the node's private address on that
/// host (interface names differ between server types and images: <c>enp7s0</c>, <c>ens10</c>, <c>eth1</c>), or the
/// one <see cref="SshMachines.PrivateInterface"/> names.
/// </summary>
internal static class FlannelInterface
{
    /// <summary>The interface to pass, null to let k3s pick (SSH machines without a private address); a problem when it cannot be decided.</summary>
    public static (string? Interface, string? Problem) Resolve(Cluster cluster, K3sNode node, HostFacts facts)
    {
        if (cluster.Args.Provider is SshMachines { PrivateInterface: { Length: > 0 } configured })
        {
            return (configured, null);
        }

        var address = node.Node.PrivateAddress;
        var host = node.Target.Display;
        // An SSH machine without PrivateAddress: its address may be a NAT'd public one, so k3s picks the interface.
        var required = node.Node.Host is null || node.Node.Host.PrivateAddress is not null;
        if (facts.Addresses is null)
        {
            return required
                ? (null, $"{host}: the `ip` command is missing, so the interface of the private address {address} cannot be found. Fix: install iproute2 on the machine{(node.Node.Host is null ? "" : ", or set SshMachines.PrivateInterface")}.")
                : (null, null);
        }

        var match = facts.Addresses.FirstOrDefault(a => a.Address == address);
        if (match is not null)
        {
            return (match.Interface, null);
        }

        if (!required)
        {
            return (null, null);
        }

        var seen = facts.Addresses.Count == 0 ? "none" : string.Join(", ", facts.Addresses.Select(a => $"{a.Interface} {a.Address}"));
        var fix = node.Node.Host is not null
            ? $"Fix: set PrivateAddress of {node.Node.Host.Address} to an address the machine has, or SshMachines.PrivateInterface to the interface to use."
            : $"Fix: check that the server is attached to {cluster.Name}-network (its private interface appears after the attach; reboot the server if it does not), then run up again.";
        var whose = node.Node.Host is not null ? "its PrivateAddress" : "the cloud reports";
        return (null, $"{host}: no network interface has the private address {address} ({whose}; IPv4 addresses on the host: {seen}). {fix}");
    }
}

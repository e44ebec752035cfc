using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Planning;

/// <summary>One node of a provisioned cluster: its name, role, pool and addresses (placeholders when known only after <c>up</c>).</summary>
internal sealed record PlannedNode(string Name, string Role, string Pool, string Size, string PublicAddress, string PrivateAddress)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    public SshHost? Host { get; init; }

    /// <summary>Flannel's interface found on the machine (provisioning); the provider's usual one when null (plans).</summary>
    public string? FlannelInterface { get; init; }
}

/// <summary>Names and addresses every node of a cluster: <c>&lt;cluster&gt;-master-&lt;n&gt;</c>, <c>&lt;cluster&gt;-&lt;pool&gt;-&lt;n&gt;</c>.</summary>
internal static class NodeLayout
{
    public static IReadOnlyList<PlannedNode> Nodes(PlanBuilder builder, Cluster cluster)
    {
        var nodes = new List<PlannedNode>();
        switch (cluster.Args.Provider)
        {
            case SshMachines ssh:
                nodes.AddRange(ssh.Masters.Select((h, i) => FromHost(cluster, h, "master", "master", i + 1)));
                foreach (var pool in ssh.Workers.GroupBy(h => h.Pool))
                {
                    nodes.AddRange(pool.Select((h, i) => FromHost(cluster, h, "worker", pool.Key, i + 1)));
                }

                break;
            case HetznerProvider hetzner:
                var prefix = NetworkPrefix(hetzner.NetworkCidr);
                nodes.AddRange(Cloud(builder, cluster, HetznerProvider.DefaultServerType, (i, isMaster) => $"{prefix}.{(isMaster ? 1 : 2)}.{10 + i}"));
                break;
            case DigitalOceanProvider:
                nodes.AddRange(Cloud(builder, cluster, DigitalOceanProvider.DefaultSize, null));
                break;
        }

        return nodes;
    }

    /// <summary>The private interface flannel should use, when the provider's is known.</summary>
    public static string? FlannelInterface(NodeSource? provider) => provider switch
    {
        HetznerProvider => "enp7s0",
        DigitalOceanProvider => "eth1",
        SshMachines ssh => ssh.PrivateInterface,
        _ => null,
    };

    private static IEnumerable<PlannedNode> Cloud(PlanBuilder builder, Cluster cluster, string defaultSize, Func<int, bool, string>? privateIp)
    {
        var masters = cluster.Args.Masters;
        for (var i = 1; i <= Math.Max(0, masters.Count); i++)
        {
            yield return CloudNode(builder, cluster, $"{cluster.Name}-master-{i}", "master", "master", masters.Size ?? defaultSize, privateIp?.Invoke(i, true));
        }

        var index = 0;
        foreach (var pool in cluster.Args.NodePools)
        {
            for (var i = 1; i <= Math.Max(0, pool.Count); i++)
            {
                index++;
                yield return CloudNode(builder, cluster, $"{cluster.Name}-{pool.Name}-{i}", "worker", pool.Name, pool.Size ?? defaultSize, privateIp?.Invoke(index, false)) with
                {
                    Labels = pool.Labels,
                    Taints = pool.Taints,
                };
            }
        }
    }

    private static PlannedNode CloudNode(PlanBuilder builder, Cluster cluster, string name, string role, string pool, string size, string? privateIp) =>
        new(name, role, pool, size,
            builder.Unknown($"{name}.ipv4", $"public IPv4 of server {name} (known after it is created)"),
            privateIp ?? builder.Unknown($"{name}.private-ip", $"private IP of server {name} in {cluster.Name}-network (known after it is created)"));

    private static PlannedNode FromHost(Cluster cluster, SshHost host, string role, string pool, int n) =>
        new($"{cluster.Name}-{pool}-{n}", role, pool, "", host.Address, host.PrivateAddress ?? host.Address)
        {
            Labels = host.Labels,
            Taints = host.Taints,
            Host = host,
        };

    private static string NetworkPrefix(string cidr)
    {
        var octets = cidr.Split('/')[0].Split('.');
        return octets.Length == 4 ? $"{octets[0]}.{octets[1]}" : "10.0";
    }
}

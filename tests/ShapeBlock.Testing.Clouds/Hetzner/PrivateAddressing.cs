namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>Hands out private addresses from a network's subnets, skipping the gateway and addresses in use.</summary>
internal static class PrivateAddressing
{
    /// <summary>Picks the address for a server or load balancer joining <paramref name="network"/> in <paramref name="zone"/>.</summary>
    /// <returns>The address, or null with the reason.</returns>
    public static (string? Ip, string? Error) Allocate(HetznerState state, Network network, string zone, string? requested = null)
    {
        var used = state.ServerMap.Values.SelectMany(s => s.PrivateNets).Where(p => p.Network == network.Id).Select(p => p.Ip)
            .Concat(state.LoadBalancerMap.Values.SelectMany(l => l.PrivateNet).Where(p => p.Network == network.Id).Select(p => p.Ip))
            .ToHashSet(StringComparer.Ordinal);
        var subnets = network.Subnets.Where(s => s.NetworkZone == zone && s.Type is "cloud" or "server").ToList();
        if (subnets.Count == 0)
        {
            return (null, $"network {network.Id} has no subnet in network zone '{zone}'");
        }

        Ipv4Cidr.TryParse(network.IpRange, out var range);
        var gateway = range.Network + 1;
        if (requested is not null)
        {
            var ok = System.Net.IPAddress.TryParse(requested, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && subnets.Any(s => Ipv4Cidr.TryParse(s.IpRange, out var c) && c.Contains(Ipv4Cidr.ToUInt(ip)));
            return !ok ? (null, $"ip {requested} is not inside a subnet of network {network.Id}")
                : used.Contains(requested) || Ipv4Cidr.ToUInt(ip!) == gateway ? (null, $"ip {requested} is already in use")
                : (requested, null);
        }

        foreach (var subnet in subnets)
        {
            Ipv4Cidr.TryParse(subnet.IpRange, out var cidr);
            for (var candidate = cidr.Network + 1; candidate < cidr.Network + cidr.Size - 1; candidate++)
            {
                var text = Ipv4Cidr.Format(candidate);
                if (candidate != gateway && !used.Contains(text))
                {
                    return (text, null);
                }
            }
        }

        return (null, $"network {network.Id} has no free address left");
    }

    /// <summary>A stable fake MAC address for an attachment.</summary>
    public static string Mac(long id, long network) =>
        $"86:00:{(id >> 8) & 255:x2}:{id & 255:x2}:{(network >> 8) & 255:x2}:{network & 255:x2}";
}

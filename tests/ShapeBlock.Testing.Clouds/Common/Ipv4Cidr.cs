using System.Net;
using System.Net.Sockets;

namespace ShapeBlock.Testing.Clouds;

/// <summary>An IPv4 range in CIDR notation, for validating networks/subnets and handing out private addresses.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int Prefix)
{
    public uint Mask => Prefix == 0 ? 0 : uint.MaxValue << (32 - Prefix);

    public uint Size => Prefix == 0 ? uint.MaxValue : 1u << (32 - Prefix);

    public static bool TryParse(string? text, out Ipv4Cidr cidr)
    {
        cidr = default;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix) || prefix is < 0 or > 32)
        {
            return false;
        }

        var value = ToUInt(ip);
        var mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        if ((value & mask) != value)
        {
            return false; // host bits set: the clouds reject "10.0.0.1/16" too.
        }

        cidr = new Ipv4Cidr(value, prefix);
        return true;
    }

    public static uint ToUInt(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    public static string Format(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";

    public bool Contains(Ipv4Cidr other) => other.Prefix >= Prefix && (other.Network & Mask) == Network;

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Overlaps(Ipv4Cidr other) => Contains(other) || other.Contains(this);

    /// <summary>RFC 1918 private ranges, which both clouds require for private networks.</summary>
    public bool IsPrivate
    {
        get
        {
            var self = this;
            return new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" }.Any(r => TryParse(r, out var p) && p.Contains(self));
        }
    }

    public override string ToString() => $"{Format(Network)}/{Prefix}";
}

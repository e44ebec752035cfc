using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ShapeBlock.Sdk.Validation;

/// <summary>IPv4/IPv6 CIDR blocks as the cloud firewalls take them: checked strictly, written in one canonical form.</summary>
internal static class Cidr
{
    /// <summary>Both address families, every address: 0.0.0.0/0 and ::/0.</summary>
    public static readonly IReadOnlyList<string> Anywhere = ["0.0.0.0/0", "::/0"];

    /// <summary>
    /// Parses <paramref name="text"/>; on success <paramref name="canonical"/> is the form the clouds echo back (lower-case,
    /// compressed IPv6), so a re-<c>up</c> compares equal. On failure <paramref name="problem"/> says what is wrong and the fix.
    /// </summary>
    public static bool TryCanonical(string? text, out string canonical, out string problem)
    {
        canonical = "";
        problem = "";
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0)
        {
            problem = text is not null && IPAddress.TryParse(text, out var single)
                ? $"'{text}' has no prefix length: write '{single}/{(single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)}' for this one address"
                : $"'{text}' is not an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32";
            return false;
        }

        var address = text[..slash];
        var prefix = text[(slash + 1)..];
        // IPAddress also takes short forms ("10.1" = 10.0.0.1) that clouds refuse: IPv4 needs four decimal parts.
        var ipv4Shape = address.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
        if (!IPAddress.TryParse(address, out var ip) || (ip.AddressFamily == AddressFamily.InterNetwork && !ipv4Shape) || (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0))
        {
            problem = $"'{text}' is not an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32";
            return false;
        }

        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > max)
        {
            problem = $"'{text}' has prefix length '/{prefix}'; an {(max == 32 ? "IPv4" : "IPv6")} block takes /0 to /{max}";
            return false;
        }

        var network = new IPNetwork(Mask(ip, length), length);
        if (!network.BaseAddress.Equals(ip))
        {
            problem = $"'{text}' has address bits set after the /{length} prefix: write '{network}' for the whole block, or '{ip}/{max}' for this one address";
            return false;
        }

        canonical = network.ToString();
        return true;
    }

    /// <summary>The canonical form of a block already checked (unchanged when it is not a CIDR: validation reports that).</summary>
    public static string Canonical(string text) => TryCanonical(text, out var canonical, out _) ? canonical : text;

    private static IPAddress Mask(IPAddress ip, int length)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}

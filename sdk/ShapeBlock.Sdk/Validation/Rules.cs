using System.Text.RegularExpressions;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Sdk.Validation;

/// <summary>Name and value rules shared by the model checks.</summary>
internal static partial class Rules
{
    public static bool IsDnsLabel(string? name, int max = 63) => name is { Length: > 0 } && name.Length <= max && DnsLabel().IsMatch(name);

    public static bool IsDns1035Label(string? name, int max) => name is { Length: > 0 } && name.Length <= max && Dns1035().IsMatch(name);

    public static bool IsHost(string? host) => host is { Length: > 0 and <= 253 } && Host().IsMatch(host);

    public static bool IsQuantity(string? value) => value is { Length: > 0 } && Quantity().IsMatch(value);

    public static bool IsEnvName(string? name) => name is { Length: > 0 } && EnvName().IsMatch(name);

    public static bool IsEnvPrefix(string? name) => name is { Length: > 0 } && EnvPrefix().IsMatch(name);

    public static bool IsEmail(string? email) => email is { Length: > 3 } && Email().IsMatch(email);

    public static bool IsK3sVersion(string? version) => version is not null && K3sVersion().IsMatch(version);

    public static bool IsIpv4Cidr16(string? cidr) => cidr is not null && Cidr16().IsMatch(cidr);

    public static bool IsLabelKey(string? key)
    {
        if (key is not { Length: > 0 })
        {
            return false;
        }

        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        return (slash < 0 || IsHost(key[..slash])) && name.Length <= 63 && LabelValue().IsMatch(name) && name.Length > 0;
    }

    public static bool IsLabelValue(string? value) => value is not null && value.Length <= 63 && LabelValue().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Host();

    [GeneratedRegex(CrdGenerator.QuantityPattern)]
    private static partial Regex Quantity();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex EnvPrefix();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+\.[0-9]+\+k3s[0-9]+$")]
    private static partial Regex K3sVersion();

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.0\.0/16$")]
    private static partial Regex Cidr16();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}

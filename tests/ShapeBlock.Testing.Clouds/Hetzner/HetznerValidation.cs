using System.Text.RegularExpressions;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>The input rules the real API enforces that a provider is most likely to break.</summary>
internal static partial class HetznerValidation
{
    /// <summary>Checks labels: <c>[prefix/]name</c> keys and values of at most 63 alphanumerics, <c>-_.</c> inside.</summary>
    /// <returns>An error answer, or null when valid.</returns>
    public static IResult? Labels(Dictionary<string, string>? labels)
    {
        foreach (var (key, value) in labels ?? [])
        {
            var slash = key.LastIndexOf('/');
            var prefix = slash < 0 ? null : key[..slash];
            var name = slash < 0 ? key : key[(slash + 1)..];
            if (!LabelPart().IsMatch(name) || name.Length > 63
                || (prefix is not null && (prefix.Length > 253 || !DnsSubdomain().IsMatch(prefix) || prefix.StartsWith("hetzner.cloud", StringComparison.Ordinal))))
            {
                return HetznerResults.Invalid("labels", $"label key '{key}' is invalid");
            }

            if (value.Length > 63 || (value.Length > 0 && !LabelPart().IsMatch(value)))
            {
                return HetznerResults.Invalid("labels", $"label value '{value}' of key '{key}' is invalid");
            }
        }

        return null;
    }

    /// <summary>Checks a resource name: required, at most 63 characters (servers: a valid hostname).</summary>
    /// <returns>An error answer, or null when valid.</returns>
    public static IResult? Name(string? name, bool hostname = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return HetznerResults.Invalid("name", "is required");
        }

        if (name.Length > 63 || (hostname && !Hostname().IsMatch(name)))
        {
            return HetznerResults.Invalid("name", hostname ? "must be a valid hostname" : "is too long");
        }

        return null;
    }

    /// <summary>Checks a <c>PUT</c> body (name and labels).</summary>
    /// <returns>An error answer, or null when valid.</returns>
    public static IResult? Update(UpdateRequest request, bool nameTaken, string kind, bool hostname = false)
    {
        if (((request.Name is null ? null : Name(request.Name, hostname)) ?? Labels(request.Labels)) is { } invalid)
        {
            return invalid;
        }

        return nameTaken ? HetznerResults.Uniqueness("name", $"{kind} with the same name already exists") : null;
    }

    [GeneratedRegex("^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$")]
    private static partial Regex LabelPart();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$")]
    private static partial Regex Hostname();
}

using System.Text.RegularExpressions;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>Object name rules as the API server applies them, and <c>generateName</c> suffixes.</summary>
public static partial class NameValidation
{
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A random 5-character suffix from the alphabet the API server uses.</summary>
    /// <returns>E.g. <c>x7k2p</c>.</returns>
    public static string RandomSuffix() =>
        string.Create(5, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = SuffixAlphabet[Random.Shared.Next(SuffixAlphabet.Length)];
            }
        });

    /// <summary>Checks metadata.name for a resource type.</summary>
    /// <param name="resource">The resource type.</param>
    /// <param name="name">The name.</param>
    /// <returns>The cause, or null when valid.</returns>
    public static Cause? Check(ApiResource resource, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(name);
        if (resource.Group == "rbac.authorization.k8s.io")
        {
            return name is "." or ".." || name.Contains('/') || name.Contains('%')
                ? Cause.Invalid("metadata.name", $"\"{name}\"", "may not contain '/' or '%' and may not be '.' or '..'")
                : null;
        }

        if (resource.Key == new ResourceKey("", "namespaces"))
        {
            return name.Length <= 63 && Label().IsMatch(name) ? null : Cause.Invalid("metadata.name", $"\"{name}\"",
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        }

        if (resource.Key == new ResourceKey("", "services"))
        {
            return name.Length <= 63 && Dns1035().IsMatch(name) ? null : Cause.Invalid("metadata.name", $"\"{name}\"",
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
        }

        return name.Length <= 253 && Subdomain().IsMatch(name) ? null : Cause.Invalid("metadata.name", $"\"{name}\"",
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}

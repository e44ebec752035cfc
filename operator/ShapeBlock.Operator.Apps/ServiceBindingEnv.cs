using System.Text.Json.Nodes;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Environment variables of a bound backing Service: <c>&lt;PREFIX&gt;_URL</c>, <c>_HOST</c>, <c>_PORT</c>,
/// <c>_USERNAME</c>, <c>_PASSWORD</c>, <c>_DATABASE</c>, each a <c>secretKeyRef</c> into the Service's
/// connection Secret <c>&lt;service&gt;-connection</c> (api.md, Service). Values never enter the values file.
/// </summary>
public static class ServiceBindingEnv
{
    /// <summary>The keys of every connection Secret, in the order the variables are written.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["URL", "HOST", "PORT", "USERNAME", "PASSWORD", "DATABASE"];

    /// <summary>The connection Secret of a Service.</summary>
    /// <param name="service">The Service name.</param>
    /// <returns><c>&lt;service&gt;-connection</c>.</returns>
    public static string SecretName(string service) => service + "-connection";

    /// <summary>The variable prefix of a binding: <c>envPrefix</c>, or the upper-cased service name with <c>-</c> and <c>.</c> as <c>_</c>.</summary>
    /// <param name="binding">The binding.</param>
    /// <returns>The prefix.</returns>
    public static string Prefix(ServiceBinding binding) =>
        binding.EnvPrefix is { Length: > 0 } prefix ? prefix : binding.Name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    /// <summary>The env entries (Kubernetes <c>EnvVar</c> shape) of one binding.</summary>
    /// <param name="binding">The binding.</param>
    /// <returns>One entry per connection key.</returns>
    public static IEnumerable<(string Name, JsonObject Entry)> Entries(ServiceBinding binding)
    {
        var prefix = Prefix(binding);
        foreach (var key in Keys)
        {
            var name = $"{prefix}_{key}";
            yield return (name, new JsonObject
            {
                ["name"] = name,
                ["valueFrom"] = new JsonObject
                {
                    ["secretKeyRef"] = new JsonObject { ["name"] = SecretName(binding.Name), ["key"] = key },
                },
            });
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Engine;

/// <summary>Where a cluster's ingress address came from (shown to people).</summary>
/// <param name="Address">The IP address.</param>
/// <param name="Source">Where it was read, e.g. <c>LoadBalancer status of Service ingress-nginx/ingress-nginx-controller</c>.</param>
internal sealed record IngressAddress(string Address, string Source);

/// <summary>
/// Finds the public address of a cluster's ingress controller, for clusters without <c>Addons.BaseDomain</c> (hosts
/// become <c>&lt;address&gt;.nip.io</c>). In order:
/// <list type="number">
/// <item>the address the connector knows (a cluster ShapeBlock provisioned: its first master's public IPv4 — k3s's
/// ServiceLB serves 80/443 on every node, while the API load balancer forwards 6443 only);</item>
/// <item>the LoadBalancer status of the ingress controller's Service (<c>app.kubernetes.io/name=ingress-nginx</c>,
/// component <c>controller</c>, or <c>traefik</c>) — a cloud load balancer's IP, or the node IPs k3s's ServiceLB writes;</item>
/// <item>when that Service has no address yet (or does not exist before the first <c>up</c>), the first node (by name)
/// with an <c>ExternalIP</c>, else the first with an <c>InternalIP</c>.</item>
/// </list>
/// A load balancer that only has a DNS name cannot make a nip.io host, and a cluster with no address at all cannot
/// either: both are errors naming <c>Addons.BaseDomain</c> as the fix.
/// </summary>
internal static class IngressAddressResolver
{
    private static readonly ApiResource Services = new("v1", "Service", "services", true);
    private static readonly ApiResource Nodes = new("v1", "Node", "nodes", false);

    /// <exception cref="ApplyFailedException">No usable address (the message names the fix).</exception>
    public static async Task<IngressAddress> ResolveAsync(KubeApi api, Cluster cluster, ClusterConnection connection, CancellationToken cancellationToken)
    {
        if (connection.IngressAddress is { Length: > 0 } known)
        {
            return new IngressAddress(known, "first master's public address");
        }

        var selector = cluster.Args.Addons.Ingress == Ingress.Nginx
            ? "app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller"
            : "app.kubernetes.io/name=traefik";
        var services = (await api.ListAsync(Services, null, selector, null, cancellationToken).ConfigureAwait(false)).Items
            .Where(s => s["spec"]?["type"]?.GetValue<string>() == "LoadBalancer")
            .OrderBy(s => Name(s), StringComparer.Ordinal)
            .ToList();
        string? hostnameOnly = null;
        foreach (var service in services)
        {
            var entries = service["status"]?["loadBalancer"]?["ingress"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
            if (entries.Select(e => e["ip"]?.GetValue<string>()).FirstOrDefault(IsIp) is { } ip)
            {
                return new IngressAddress(ip, $"LoadBalancer status of Service {Name(service)}");
            }

            hostnameOnly ??= entries.Select(e => e["hostname"]?.GetValue<string>()).FirstOrDefault(h => !string.IsNullOrEmpty(h)) is { } hostname
                ? $"{hostname} (Service {Name(service)})"
                : null;
        }

        if (hostnameOnly is not null)
        {
            throw new ApplyFailedException($"{cluster.Name}: the ingress controller's load balancer has the DNS name {hostnameOnly} and no IP, so no <address>.nip.io host can be made. "
                + $"Point a wildcard DNS record (*.apps.example.com CNAME {hostnameOnly.Split(' ')[0]}) at it and set Addons.BaseDomain on cluster '{cluster.Name}'.");
        }

        var nodes = (await api.ListAsync(Nodes, null, null, null, cancellationToken).ConfigureAwait(false)).Items
            .OrderBy(n => Name(n), StringComparer.Ordinal)
            .ToList();
        foreach (var type in (string[])["ExternalIP", "InternalIP"])
        {
            foreach (var node in nodes)
            {
                var address = node["status"]?["addresses"]?.AsArray().OfType<JsonObject>()
                    .Where(a => a["type"]?.GetValue<string>() == type)
                    .Select(a => a["address"]?.GetValue<string>())
                    .FirstOrDefault(IsIp);
                if (address is not null)
                {
                    return new IngressAddress(address, $"{type} of node {Name(node)}{(services.Count == 0 ? " (the ingress controller's Service does not exist yet)" : " (the ingress controller's Service has no load balancer address yet)")}");
                }
            }
        }

        throw new ApplyFailedException($"{cluster.Name}: cannot find the ingress address for the registry and app hosts (<address>.nip.io): "
            + $"{(services.Count == 0 ? "no LoadBalancer Service of the ingress controller" : "the ingress controller's Service has no load balancer address")} and no node reports an ExternalIP or InternalIP. "
            + $"Set Addons.BaseDomain on cluster '{cluster.Name}' (with a wildcard DNS record pointing at the ingress) or wait for the load balancer and run up again.");
    }

    // nip.io names carry IPv4 addresses only.
    private static bool IsIp(string? value) => value is not null && IPAddress.TryParse(value, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    private static string Name(JsonObject obj) =>
        obj["metadata"]?["namespace"]?.GetValue<string>() is { } ns
            ? $"{ns}/{obj["metadata"]?["name"]?.GetValue<string>()}"
            : obj["metadata"]?["name"]?.GetValue<string>() ?? "";
}

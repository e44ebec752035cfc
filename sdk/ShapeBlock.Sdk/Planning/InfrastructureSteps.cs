using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Platform;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Planning;

/// <summary>Plans the machines of a provisioned cluster (cloud resources, as data) and the k3s install on each.</summary>
internal static class InfrastructureSteps
{
    /// <summary>Adds the steps; returns the ids after which the cluster's Kubernetes API is reachable.</summary>
    public static IReadOnlyList<string> Add(PlanBuilder builder, Cluster cluster)
    {
        var provider = cluster.Args.Provider;
        if (provider is null or ExistingCluster)
        {
            return [];
        }

        var nodes = NodeLayout.Nodes(builder, cluster);
        var servers = provider.CreatesMachines ? CloudSteps(builder, cluster, provider, nodes) : new Dictionary<string, string>();
        var apiAddress = ApiAddress(builder, cluster, provider, nodes);
        return K3sSteps.Add(builder, cluster, nodes, servers, apiAddress);
    }

    private static string? ApiAddress(PlanBuilder builder, Cluster cluster, NodeSource provider, IReadOnlyList<PlannedNode> nodes) => provider switch
    {
        SshMachines ssh => ssh.ApiEndpoint ?? nodes.FirstOrDefault()?.PublicAddress,
        _ when cluster.Args.Masters.Count > 1 => builder.Unknown($"{cluster.Name}-api.ipv4", $"public IPv4 of load balancer {cluster.Name}-api"),
        _ => nodes.FirstOrDefault()?.PublicAddress,
    };

    /// <summary>Adds one step per cloud resource; returns node name → server step id.</summary>
    private static Dictionary<string, string> CloudSteps(PlanBuilder builder, Cluster cluster, NodeSource provider, IReadOnlyList<PlannedNode> nodes)
    {
        var name = cluster.Name;
        var kind = provider.Kind;
        var isHetzner = provider is HetznerProvider;
        var common = new List<string>();

        string Cloud(string type, string resourceName, JsonObject properties, IEnumerable<string> dependsOn, string title)
        {
            var id = $"{name}/cloud/{resourceName}";
            builder.Add(new PlanStep(id, name, StepKind.Cloud, title)
            {
                DependsOn = [.. dependsOn],
                CloudResource = new CloudResource(kind, type, resourceName, properties),
            });
            return id;
        }

        var publicKeyFile = provider is HetznerProvider h ? h.SshPublicKeyFile : ((DigitalOceanProvider)provider).SshPublicKeyFile;
        common.Add(Cloud("ssh_key", $"{name}-key", WithLabels(isHetzner, cluster, new JsonObject
        {
            ["name"] = $"{name}-key",
            ["public_key"] = $"(contents of {publicKeyFile})",
        }), [], $"SSH key {name}-key"));

        var networkStep = Cloud(isHetzner ? "network" : "vpc", $"{name}-network", WithLabels(isHetzner, cluster, provider switch
        {
            HetznerProvider hz => new JsonObject
            {
                ["name"] = $"{name}-network",
                ["ip_range"] = hz.NetworkCidr,
                ["subnets"] = K8s.Array(new JsonObject { ["type"] = "cloud", ["network_zone"] = hz.NetworkZone, ["ip_range"] = hz.NetworkCidr }),
            },
            DigitalOceanProvider d => new JsonObject { ["name"] = $"{name}-network", ["region"] = d.Region, ["ip_range"] = d.VpcCidr },
            _ => [],
        }), [], $"private network {name}-network");
        common.Add(networkStep);

        var admin = cluster.Args.AdminSources;
        var ports = admin.SequenceEqual(Cidr.Anywhere) ? "22, 80, 443, 6443 in from anywhere — AdminCidrs limits 22 and 6443" : $"22, 6443 in from {string.Join(", ", admin)}; 80, 443 in";
        common.Add(Cloud("firewall", $"{name}-firewall", WithLabels(isHetzner, cluster, new JsonObject
        {
            ["name"] = $"{name}-firewall",
            ["inbound"] = K8s.Array(Port("22", "SSH", admin), Port("80", "HTTP", Cidr.Anywhere), Port("443", "HTTPS", Cidr.Anywhere), Port("6443", "Kubernetes API", admin)),
            ["applies_to"] = new JsonObject { ["label_selector"] = $"{Labels.Cluster}={name}" },
        }), [], $"firewall {name}-firewall ({ports}; the private network open)"));

        var masters = nodes.Count(n => n.Role == "master");
        if (masters > 1)
        {
            var lb = new JsonObject
            {
                ["name"] = $"{name}-api",
                ["services"] = K8s.Array(new JsonObject { ["protocol"] = "tcp", ["listen_port"] = 6443, ["destination_port"] = 6443 }),
                ["targets"] = new JsonObject { ["label_selector"] = $"{Labels.Cluster}={name},{Labels.Role}=master" },
            };
            if (provider is HetznerProvider hz)
            {
                lb["load_balancer_type"] = "lb11";
                lb["location"] = hz.Location;
                lb["network"] = $"{name}-network";
            }
            else if (provider is DigitalOceanProvider d)
            {
                lb["region"] = d.Region;
                lb["vpc"] = $"{name}-network";
            }

            Cloud("load_balancer", $"{name}-api", WithLabels(isHetzner, cluster, lb), [networkStep], $"API load balancer {name}-api in front of {masters} masters");
        }

        var servers = new Dictionary<string, string>();
        foreach (var node in nodes)
        {
            var server = provider switch
            {
                HetznerProvider hz => new JsonObject
                {
                    ["name"] = node.Name,
                    ["server_type"] = node.Size,
                    ["image"] = hz.Image,
                    ["location"] = hz.Location,
                    ["ssh_keys"] = K8s.Array($"{name}-key"),
                    ["networks"] = K8s.Array(new JsonObject { ["network"] = $"{name}-network", ["ip"] = node.PrivateAddress }),
                    ["firewalls"] = K8s.Array($"{name}-firewall"),
                },
                DigitalOceanProvider d => new JsonObject
                {
                    ["name"] = node.Name,
                    ["size"] = node.Size,
                    ["image"] = d.Image,
                    ["region"] = d.Region,
                    ["ssh_keys"] = K8s.Array($"{name}-key"),
                    ["vpc"] = $"{name}-network",
                },
                _ => new JsonObject(),
            };
            servers[node.Name] = Cloud(isHetzner ? "server" : "droplet", node.Name, WithLabels(isHetzner, cluster, server, node), common,
                $"{(isHetzner ? "server" : "droplet")} {node.Name} ({node.Size}, {node.Role}{(node.Role == "worker" ? ", pool " + node.Pool : "")})");
        }

        return servers;
    }

    private static JsonObject Port(string port, string description, IEnumerable<string> sources) => new()
    {
        ["protocol"] = "tcp",
        ["port"] = port,
        ["source_ips"] = K8s.Strings(sources),
        ["description"] = description,
    };

    /// <summary>The DigitalOcean tag standing for a label (DigitalOcean takes tags: letters, digits, ':', '-', '_').</summary>
    internal static string DigitalOceanTag(string key, string value) => $"{key.Replace("shapeblock.io/", "shapeblock-", StringComparison.Ordinal)}:{value}";

    // Hetzner takes labels; DigitalOcean takes tags.
    private static JsonObject WithLabels(bool hetzner, Cluster cluster, JsonObject properties, PlannedNode? node = null)
    {
        var labels = new List<(string Key, string Value)>
        {
            (Labels.Cluster, cluster.Name),
            (Labels.Stack, cluster.Stack?.Name ?? ""),
        };
        if (node is not null)
        {
            labels.Add((Labels.Role, node.Role));
            labels.Add((Labels.Pool, node.Pool));
        }

        if (hetzner)
        {
            properties["labels"] = K8s.Labels([.. labels]);
        }
        else
        {
            properties["tags"] = K8s.Strings(labels.Select(l => DigitalOceanTag(l.Key, l.Value)));
        }

        return properties;
    }
}

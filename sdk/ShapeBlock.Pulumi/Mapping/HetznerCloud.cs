using System.Globalization;
using System.Text.Json.Nodes;
using Pulumi;
using Pulumi.HCloud;
using Pulumi.HCloud.Inputs;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>Maps the plan's Hetzner cloud resources (as the core describes them) to Pulumi HCloud resources.</summary>
internal sealed class HetznerCloud(ClusterMapping mapping, Resource parent, ProviderResource provider, Input<string> sshPublicKey) : ICloudMapper
{
    private readonly Dictionary<string, CustomResource> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkSubnet> subnets = new(StringComparer.Ordinal);

    public IDictionary<string, Output<string>> ServerAddresses { get; } = new SortedDictionary<string, Output<string>>(StringComparer.Ordinal);

    public void Map(PlanStep step)
    {
        var cloud = step.CloudResource!;
        var p = cloud.Properties;
        var labels = PulumiValues.Strings(p["labels"]);
        var options = Options(step);
        CustomResource resource = cloud.Type switch
        {
            "ssh_key" => new SshKey(cloud.Name, new SshKeyArgs { Name = cloud.Name, PublicKey = sshPublicKey, Labels = labels }, options),
            "network" => Network(step, cloud, labels, options),
            "firewall" => new Firewall(cloud.Name, new FirewallArgs
            {
                Name = cloud.Name,
                Labels = labels,
                // The servers name the firewall (firewallIds), as the plan's servers do; Hetzner rejects applying it twice.
                Rules = [.. p["inbound"]!.AsArray().Select(r => new FirewallRuleArgs
                {
                    Direction = "in",
                    Protocol = r!["protocol"]!.GetValue<string>(),
                    Port = PulumiValues.Optional(r["port"]?.GetValue<string>()),
                    SourceIps = PulumiValues.StringArray(r["source_ips"]),
                    Description = PulumiValues.Optional(r["description"]?.GetValue<string>()),
                })],
            }, options),
            "load_balancer" => LoadBalancer(step, cloud, labels, options),
            "server" => Server(step, cloud, labels, options),
            _ => throw new InvalidOperationException($"{cloud.Key}: ShapeBlock.Pulumi has no mapping for Hetzner resource type {cloud.Type}."),
        };
        byName[cloud.Name] = resource;
        mapping.Add(step, resource);
    }

    public void Complete()
    {
    }

    private CustomResourceOptions Options(PlanStep step, params Resource[] more) =>
        new() { Parent = parent, Provider = provider, DependsOn = [.. mapping.DependsOn(step), .. more] };

    private static Output<int> IdOf(CustomResource resource) => resource.Id.Apply(id => int.Parse(id, CultureInfo.InvariantCulture));

    private Network Network(PlanStep step, CloudResource cloud, IReadOnlyDictionary<string, string> labels, CustomResourceOptions options)
    {
        var network = new Network(cloud.Name, new NetworkArgs
        {
            Name = cloud.Name,
            IpRange = cloud.Properties["ip_range"]!.GetValue<string>(),
            Labels = labels.ToDictionary(),
        }, options);
        var i = 0;
        foreach (var subnet in cloud.Properties["subnets"]?.AsArray() ?? [])
        {
            var resource = new NetworkSubnet($"{cloud.Name}-subnet-{++i}", new NetworkSubnetArgs
            {
                NetworkId = IdOf(network),
                Type = subnet!["type"]!.GetValue<string>(),
                NetworkZone = subnet["network_zone"]!.GetValue<string>(),
                IpRange = subnet["ip_range"]!.GetValue<string>(),
            }, Options(step));
            subnets[cloud.Name] = resource;
            mapping.Add(step, resource);
        }

        return network;
    }

    private LoadBalancer LoadBalancer(PlanStep step, CloudResource cloud, IReadOnlyDictionary<string, string> labels, CustomResourceOptions options)
    {
        var p = cloud.Properties;
        var lb = new LoadBalancer(cloud.Name, new LoadBalancerArgs
        {
            Name = cloud.Name,
            LoadBalancerType = p["load_balancer_type"]!.GetValue<string>(),
            Location = PulumiValues.Optional(p["location"]?.GetValue<string>()),
            Labels = labels.ToDictionary(),
        }, options);
        var children = new List<Resource>();
        if (p["network"]?.GetValue<string>() is { } networkName)
        {
            var network = byName[networkName];
            children.Add(new LoadBalancerNetwork($"{cloud.Name}-network", new LoadBalancerNetworkArgs { LoadBalancerId = IdOf(lb), NetworkId = IdOf(network) },
                Options(step, subnets.TryGetValue(networkName, out var subnet) ? [subnet] : [])));
        }

        foreach (var service in p["services"]?.AsArray() ?? [])
        {
            var port = service!["listen_port"]!.GetValue<int>();
            children.Add(new LoadBalancerService($"{cloud.Name}-service-{port}", new LoadBalancerServiceArgs
            {
                LoadBalancerId = lb.Id,
                Protocol = service["protocol"]!.GetValue<string>(),
                ListenPort = port,
                DestinationPort = service["destination_port"]!.GetValue<int>(),
            }, Options(step)));
        }

        if (p["targets"]?["label_selector"]?.GetValue<string>() is { } selector)
        {
            children.Add(new LoadBalancerTarget($"{cloud.Name}-target", new LoadBalancerTargetArgs
            {
                LoadBalancerId = IdOf(lb),
                Type = "label_selector",
                LabelSelector = selector,
                UsePrivateIp = p["network"] is not null,
            }, Options(step, [.. children.Take(1)])));
        }

        foreach (var child in children)
        {
            mapping.Add(step, child);
        }

        mapping.Placeholders.Set("${" + cloud.Name + ".ipv4}", lb.Ipv4);
        return lb;
    }

    private Server Server(PlanStep step, CloudResource cloud, IReadOnlyDictionary<string, string> labels, CustomResourceOptions options)
    {
        var p = cloud.Properties;
        var keys = PulumiValues.StringArray(p["ssh_keys"]);
        var networks = p["networks"]?.AsArray() ?? [];
        options.DependsOn.Add([.. networks.Select(n => n!["network"]!.GetValue<string>()).Where(subnets.ContainsKey).Select(n => (Input<Resource>)subnets[n])]);
        var server = new Server(cloud.Name, new ServerArgs
        {
            Name = cloud.Name,
            ServerType = p["server_type"]!.GetValue<string>(),
            Image = PulumiValues.Optional(p["image"]?.GetValue<string>()),
            Location = PulumiValues.Optional(p["location"]?.GetValue<string>()),
            SshKeys = [.. keys.Select(k => (Input<string>)byName[k].Id)],
            Networks = [.. networks.Select(n => new ServerNetworkArgs
            {
                NetworkId = IdOf(byName[n!["network"]!.GetValue<string>()]),
                Ip = mapping.Placeholders.Resolve(n["ip"]!.GetValue<string>()),
            })],
            FirewallIds = [.. PulumiValues.StringArray(p["firewalls"]).Select(f => (Input<int>)IdOf(byName[f]))],
            Labels = labels.ToDictionary(),
        }, options);
        mapping.Placeholders.Set("${" + cloud.Name + ".ipv4}", server.Ipv4Address);
        ServerAddresses[cloud.Name] = server.Ipv4Address;
        return server;
    }
}

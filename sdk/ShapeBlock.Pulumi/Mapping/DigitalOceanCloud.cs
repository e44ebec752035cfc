using System.Globalization;
using Pulumi;
using Pulumi.DigitalOcean;
using Pulumi.DigitalOcean.Inputs;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>Maps the plan's DigitalOcean cloud resources (as the core describes them) to Pulumi DigitalOcean resources.</summary>
internal sealed class DigitalOceanCloud(ClusterMapping mapping, Resource parent, ProviderResource provider, Input<string> sshPublicKey) : ICloudMapper
{
    private static readonly string[] Anywhere = ["0.0.0.0/0", "::/0"];
    private readonly Dictionary<string, CustomResource> byName = new(StringComparer.Ordinal);
    private readonly List<(Droplet Droplet, string[] Tags)> droplets = [];
    private readonly List<PlanStep> loadBalancers = [];

    public IDictionary<string, Output<string>> ServerAddresses { get; } = new SortedDictionary<string, Output<string>>(StringComparer.Ordinal);

    public void Map(PlanStep step)
    {
        var cloud = step.CloudResource!;
        var p = cloud.Properties;
        var tags = PulumiValues.StringArray(p["tags"]);
        CustomResource resource;
        switch (cloud.Type)
        {
            case "ssh_key":
                resource = new SshKey(cloud.Name, new SshKeyArgs { Name = cloud.Name, PublicKey = sshPublicKey }, Options(step));
                break;
            case "vpc":
                resource = new Vpc(cloud.Name, new VpcArgs
                {
                    Name = cloud.Name,
                    Region = p["region"]!.GetValue<string>(),
                    IpRange = PulumiValues.Optional(p["ip_range"]?.GetValue<string>()),
                }, Options(step));
                break;
            case "firewall":
                resource = Firewall(step, cloud);
                break;
            case "load_balancer":
                // The plan's load balancer selects the masters; DigitalOcean lists droplets, so it is made once they exist.
                loadBalancers.Add(step);
                return;
            case "droplet":
                var droplet = new Droplet(cloud.Name, new DropletArgs
                {
                    Name = cloud.Name,
                    Size = p["size"]!.GetValue<string>(),
                    Image = p["image"]!.GetValue<string>(),
                    Region = p["region"]!.GetValue<string>(),
                    SshKeys = [.. PulumiValues.StringArray(p["ssh_keys"]).Select(k => (Input<string>)((SshKey)byName[k]).Fingerprint)],
                    VpcUuid = PulumiValues.Optional(p["vpc"]?.GetValue<string>() is { } vpc ? byName[vpc].Id : null),
                    Tags = tags,
                }, Options(step));
                droplets.Add((droplet, tags));
                mapping.Placeholders.Set("${" + cloud.Name + ".ipv4}", droplet.Ipv4Address);
                mapping.Placeholders.Set("${" + cloud.Name + ".private-ip}", droplet.Ipv4AddressPrivate);
                ServerAddresses[cloud.Name] = droplet.Ipv4Address;
                resource = droplet;
                break;
            default:
                throw new InvalidOperationException($"{cloud.Key}: ShapeBlock.Pulumi has no mapping for DigitalOcean resource type {cloud.Type}.");
        }

        byName[cloud.Name] = resource;
        mapping.Add(step, resource);
    }

    public void Complete()
    {
        foreach (var step in loadBalancers)
        {
            var cloud = step.CloudResource!;
            var p = cloud.Properties;
            var selected = Tags(p["targets"]?["label_selector"]?.GetValue<string>());
            var targets = droplets.Where(d => selected.All(d.Tags.Contains)).Select(d => d.Droplet).ToList();
            var lb = new LoadBalancer(cloud.Name, new LoadBalancerArgs
            {
                Name = cloud.Name,
                Region = p["region"]!.GetValue<string>(),
                VpcUuid = PulumiValues.Optional(p["vpc"]?.GetValue<string>() is { } vpc ? byName[vpc].Id : null),
                ForwardingRules = [.. (p["services"]?.AsArray() ?? []).Select(s => new LoadBalancerForwardingRuleArgs
                {
                    EntryProtocol = s!["protocol"]!.GetValue<string>(),
                    EntryPort = s["listen_port"]!.GetValue<int>(),
                    TargetProtocol = s["protocol"]!.GetValue<string>(),
                    TargetPort = s["destination_port"]!.GetValue<int>(),
                })],
                DropletIds = [.. targets.Select(d => (Input<int>)d.Id.Apply(id => int.Parse(id, CultureInfo.InvariantCulture)))],
            }, Options(step));
            mapping.Placeholders.Set("${" + cloud.Name + ".ipv4}", lb.Ip);
            byName[cloud.Name] = lb;
            mapping.Add(step, lb);
        }
    }

    private CustomResourceOptions Options(PlanStep step) => new() { Parent = parent, Provider = provider, DependsOn = mapping.DependsOn(step) };

    /// <summary>The droplet tags standing for a label selector (<c>k=v,k2=v2</c>), as the plan tags droplets.</summary>
    private static string[] Tags(string? selector) => selector is null
        ? []
        : [.. selector.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(term => term.Split('=', 2)).Select(kv => InfrastructureSteps.DigitalOceanTag(kv[0], kv[1]))];

    private Firewall Firewall(PlanStep step, CloudResource cloud)
    {
        var p = cloud.Properties;
        var applyTo = Tags(p["applies_to"]?["label_selector"]?.GetValue<string>());
        var inbound = p["inbound"]!.AsArray().Select(r => new FirewallInboundRuleArgs
        {
            Protocol = r!["protocol"]!.GetValue<string>(),
            PortRange = PulumiValues.Optional(r["port"]?.GetValue<string>()),
            SourceAddresses = PulumiValues.StringArray(r["source_ips"]),
        }).ToList();
        // A DigitalOcean firewall also filters the VPC and all outbound traffic: the plan's "private network open"
        // becomes every port from the cluster's own droplets, and outbound stays open (image pulls, ACME, k3s download).
        foreach (var protocol in new[] { "tcp", "udp" })
        {
            inbound.Add(new FirewallInboundRuleArgs { Protocol = protocol, PortRange = "1-65535", SourceTags = applyTo });
        }

        inbound.Add(new FirewallInboundRuleArgs { Protocol = "icmp", SourceTags = applyTo });
        return new Firewall(cloud.Name, new FirewallArgs
        {
            Name = cloud.Name,
            Tags = applyTo,
            InboundRules = [.. inbound],
            OutboundRules =
            [
                new FirewallOutboundRuleArgs { Protocol = "tcp", PortRange = "1-65535", DestinationAddresses = Anywhere },
                new FirewallOutboundRuleArgs { Protocol = "udp", PortRange = "1-65535", DestinationAddresses = Anywhere },
                new FirewallOutboundRuleArgs { Protocol = "icmp", DestinationAddresses = Anywhere },
            ],
        }, Options(step));
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pulumi;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;

namespace ShapeBlock.Pulumi.Tests;

public sealed partial class ClusterTests
{
    [Fact]
    public void Hetzner_with_three_masters_and_two_pools_registers_the_plans_resources_as_children()
    {
        Cluster? cluster = null;
        var h = new Harness().Run(() => cluster = new Cluster("prod", Models.Args("hetzner", 3)));
        var plan = Planner.Create(Models.Core("hetzner", 3).Stack);

        var component = h.Single(Cluster.TypeToken, "prod");
        Assert.False(component.Custom);
        Assert.All(h.Resources.Where(r => r != component), r => Assert.Same(cluster, r.Parent));

        var planned = plan.Steps.Where(s => s.Kind == StepKind.Cloud).Select(s => s.CloudResource!).ToList();
        Assert.Equal(planned.Where(c => c.Type == "server").Select(c => c.Name).Order(), h.OfType("hcloud:index/server:Server").Select(r => r.Name).Order());
        Assert.Equal(6, h.OfType("hcloud:index/server:Server").Count());
        Assert.Equal("prod-api", Assert.Single(h.OfType("hcloud:index/loadBalancer:LoadBalancer")).Name);
        Assert.Single(h.OfType("hcloud:index/loadBalancerService:LoadBalancerService"));
        Assert.Single(h.OfType("hcloud:index/loadBalancerTarget:LoadBalancerTarget"));
        Assert.Single(h.OfType("hcloud:index/loadBalancerNetwork:LoadBalancerNetwork"));
        Assert.Equal("prod-key", Assert.Single(h.OfType("hcloud:index/sshKey:SshKey")).Name);
        Assert.Equal("prod-network", Assert.Single(h.OfType("hcloud:index/network:Network")).Name);
        Assert.Single(h.OfType("hcloud:index/networkSubnet:NetworkSubnet"));
        Assert.Equal("prod-firewall", Assert.Single(h.OfType("hcloud:index/firewall:Firewall")).Name);
        // One install per node and one kubeconfig read, exactly the plan's host steps.
        Assert.Equal(plan.Steps.Where(s => s.Kind == StepKind.Host).Select(s => $"prod-{s.Slug}").Order(), h.OfType("command:remote:Command").Select(r => r.Name).Order());
        Assert.Equal(7, h.OfType("command:remote:Command").Count());
        Assert.Single(h.OfType("pulumi:providers:hcloud"));
        Assert.Single(h.OfType("pulumi:providers:kubernetes"));
        Assert.Empty(h.OfType("pulumi:providers:digitalocean"));
        Assert.Equal(2, h.OfType("random:index/randomPassword:RandomPassword").Count());

        // Each server is the plan's server: type, image, location, private IP, labels, key and firewall by id, after the subnet.
        var firewallId = double.Parse(Harness.Value(((CustomResource)h.Single("hcloud:index/firewall:Firewall", "prod-firewall").Resource).Id), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var server in planned.Where(c => c.Type == "server"))
        {
            var recorded = h.Single("hcloud:index/server:Server", server.Name);
            var inputs = Harness.Inputs(recorded);
            Assert.Equal(server.Properties["server_type"]!.GetValue<string>(), inputs["serverType"]!.GetValue<string>());
            Assert.Equal(server.Properties["image"]!.GetValue<string>(), inputs["image"]!.GetValue<string>());
            Assert.Equal(server.Properties["location"]!.GetValue<string>(), inputs["location"]!.GetValue<string>());
            Assert.Equal(server.Properties["networks"]![0]!["ip"]!.GetValue<string>(), inputs["networks"]![0]!["ip"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(server.Properties["labels"], inputs["labels"]));
            Assert.Equal([firewallId], inputs["firewallIds"]!.AsArray().Select(i => i!.GetValue<double>()));
            Assert.Contains(recorded.DependsOn, d => d.GetResourceType() == "hcloud:index/networkSubnet:NetworkSubnet");
        }

        // Every cloud resource uses the explicit provider; every Kubernetes resource the cluster's Kubernetes provider.
        var hcloud = h.OfType("pulumi:providers:hcloud").Single().Resource;
        Assert.All(h.Resources.Where(r => r.Type.StartsWith("hcloud:", StringComparison.Ordinal)), r => Assert.Same(hcloud, r.Provider));
        var k8s = h.OfType("pulumi:providers:kubernetes").Single().Resource;
        Assert.All(h.Resources.Where(r => r.Type.StartsWith("kubernetes:", StringComparison.Ordinal)), r => Assert.Same(k8s, r.Provider));
    }

    [Fact]
    public void A_single_master_gets_no_load_balancer_and_its_own_address_as_the_api()
    {
        Cluster? cluster = null;
        var h = new Harness().Run(() => cluster = new Cluster("prod", Models.Args("hetzner", 1)));
        Assert.Empty(h.OfType("hcloud:index/loadBalancer:LoadBalancer"));
        Assert.Empty(h.OfType("hcloud:index/loadBalancerService:LoadBalancerService"));
        Assert.Equal(4, h.OfType("hcloud:index/server:Server").Count());
        Assert.Equal($"https://{h.PublicIps["prod-master-1"]}:6443", Harness.Value(cluster!.ApiEndpoint));
    }

    [Fact]
    public void Firewall_rules_are_the_plans_inbound_rules()
    {
        var h = new Harness().Run(() => _ = new Cluster("prod", Models.Args("hetzner", 3)));
        var planned = Planner.Create(Models.Core("hetzner", 3).Stack).Steps.Select(s => s.CloudResource).Single(c => c?.Type == "firewall")!;
        var rules = Harness.Inputs(h.Single("hcloud:index/firewall:Firewall", "prod-firewall"))["rules"]!.AsArray();

        var expected = planned.Properties["inbound"]!.AsArray()
            .Select(r => $"in {r!["protocol"]} {r["port"]} {string.Join(',', r["source_ips"]!.AsArray().Select(s => s!.GetValue<string>()))}");
        var actual = rules.Select(r => $"{r!["direction"]} {r["protocol"]} {r["port"]} {string.Join(',', r["sourceIps"]!.AsArray().Select(s => s!.GetValue<string>()))}");
        Assert.Equal(expected, actual);
        Assert.Contains(actual, a => a.StartsWith("in tcp 6443 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Admin_cidrs_reach_the_hetzner_and_digitalocean_firewalls_through_the_plan()
    {
        string[] office = ["203.0.113.7/32", "2001:db8::/48"];
        var hetznerArgs = Models.Args("hetzner", 1);
        hetznerArgs.AdminCidrs = [.. office];
        var hetzner = new Harness().Run(() => _ = new Cluster("prod", hetznerArgs));
        var rules = Harness.Inputs(hetzner.Single("hcloud:index/firewall:Firewall", "prod-firewall"))["rules"]!.AsArray()
            .ToDictionary(r => r!["port"]!.GetValue<string>(), r => r!["sourceIps"]!.AsArray().Select(s => s!.GetValue<string>()).ToList());
        Assert.Equal(office, rules["22"]);
        Assert.Equal(office, rules["6443"]);
        Assert.Equal(["0.0.0.0/0", "::/0"], rules["443"]);

        var digitalOceanArgs = Models.Args("digitalocean", 1);
        digitalOceanArgs.AdminCidrs = [.. office];
        var digitalOcean = new Harness().Run(() => _ = new Cluster("prod", digitalOceanArgs));
        var inbound = Harness.Inputs(digitalOcean.Single("digitalocean:index/firewall:Firewall", "prod-firewall"))["inboundRules"]!.AsArray()
            .Where(r => r!["sourceAddresses"] is not null)
            .ToDictionary(r => r!["portRange"]!.GetValue<string>(), r => r!["sourceAddresses"]!.AsArray().Select(s => s!.GetValue<string>()).ToList());
        Assert.Equal(office, inbound["22"]);
        Assert.Equal(office, inbound["6443"]);
        Assert.Equal(["0.0.0.0/0", "::/0"], inbound["80"]);
    }

    [Fact]
    public void A_bad_admin_cidr_is_refused_with_the_resource_and_the_fix()
    {
        var args = Models.Args("hetzner", 1);
        args.AdminCidrs = ["203.0.113.7"];

        var error = Assert.Throws<ArgumentException>(() => new Harness().Run(() => _ = new Cluster("prod", args)));

        Assert.Contains("AdminCidrs[0]: '203.0.113.7' has no prefix length: write '203.0.113.7/32'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_commands_run_the_cores_host_scripts_with_the_token_on_stdin()
    {
        var h = new Harness().Run(() => _ = new Cluster("prod", Models.Args("hetzner", 3)));
        var plan = Planner.Create(Models.Core("hetzner", 3).Stack);
        var token = h.Generated["prod-k3s-join-token-of-prod"];

        foreach (var step in plan.Steps.Where(s => s.Kind == StepKind.Host))
        {
            var command = h.Single("command:remote:Command", $"prod-{step.Slug}");
            var inputs = Harness.Inputs(command);
            var rendered = Fill(ShellScript.Render(step.Script!, step.Title), h);
            var secretEnv = step.Script!.Commands.SelectMany(c => c.Environment).Where(e => e.Secret is not null).ToList();
            Assert.Equal(string.Concat(secretEnv.Select(e => $"IFS= read -r {e.Name}\n")) + rendered, inputs["create"]!.GetValue<string>());
            Assert.Equal(h.PublicIps[step.Script.Node], inputs["connection"]!["host"]!.GetValue<string>());
            Assert.Equal("root", inputs["connection"]!["user"]!.GetValue<string>());
            Assert.Equal(Models.PrivateKey, inputs["connection"]!["privateKey"]!.GetValue<string>());
            if (secretEnv.Count > 0)
            {
                Assert.Equal(token + "\n", inputs["stdin"]!.GetValue<string>());
                Assert.Contains(Harness.Leaves(command), l => l.Path == "/stdin" && l.Secret);
            }
            else
            {
                Assert.Null(inputs["stdin"]);
            }
        }

        // The first master waits for its server and the API load balancer (the core's order), the others for the first master.
        var first = h.Single("command:remote:Command", "prod-k3s-prod-master-1");
        Assert.Contains(first.DependsOn, d => d.GetResourceName() == "prod-master-1");
        Assert.Contains(first.DependsOn, d => d.GetResourceName() == "prod-api");
        Assert.Contains(h.Single("command:remote:Command", "prod-k3s-prod-workers-1").DependsOn, d => ReferenceEquals(d, first.Resource));
        Assert.Contains("--tls-san", Harness.Inputs(first)["create"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(h.PublicIps["prod-api"], Harness.Inputs(first)["create"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_are_registered_and_the_kubeconfig_is_a_secret_pointing_at_the_load_balancer()
    {
        Cluster? cluster = null;
        var h = new Harness().Run(() => cluster = new Cluster("prod", Models.Args("hetzner", 3)));
        var outputs = h.Single(Cluster.TypeToken, "prod").Outputs;
        Assert.NotNull(outputs);
        Assert.Equal(["apiEndpoint", "kubeconfig", "nodeIps"], outputs.Keys.Order());

        var api = $"https://{h.PublicIps["prod-api"]}:6443";
        Assert.Equal(api, Harness.Value(cluster!.ApiEndpoint));
        Assert.True(Harness.IsSecret(cluster.Kubeconfig));
        var kubeconfig = Harness.Value(cluster.Kubeconfig);
        Assert.Contains($"server: {api}", kubeconfig, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", kubeconfig, StringComparison.Ordinal);
        var nodes = Harness.Value(cluster.NodeIps);
        Assert.Equal(6, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(h.PublicIps[n.Key], n.Value));

        // The Kubernetes provider is made from that kubeconfig, as a secret input.
        var provider = h.OfType("pulumi:providers:kubernetes").Single();
        Assert.Equal(kubeconfig, Harness.Inputs(provider)["kubeconfig"]!.GetValue<string>());
        Assert.All(Harness.Leaves(provider).Where(l => l.Path == "/kubeconfig"), l => Assert.True(l.Secret));
    }

    [Fact]
    public void Platform_manifests_are_the_cores_with_the_addresses_filled_in()
    {
        var h = new Harness().Run(() => _ = new Cluster("prod", Models.Args("hetzner", 1)));
        var plan = Planner.Create(Models.Core("hetzner", 1).Stack);
        var platform = plan.Steps.Where(s => s.Kind == StepKind.Kubernetes && s.Id.StartsWith("prod/platform/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(platform);
        foreach (var step in platform)
        {
            var plain = step.Objects.Where(o => !o.IsSecret && o.ResourcePath is null).ToList();
            var group = h.Single("kubernetes:yaml/v2:ConfigGroup", $"prod-{step.Slug}");
            var expected = Fill(Api.Serialization.YamlJson.ToYamlStream(plain.Select(o => (JsonNode?)o.Manifest)), h);
            var yaml = Harness.Inputs(group)["yaml"]!.GetValue<string>();
            Assert.Equal(expected, yaml);
            Assert.DoesNotContain("${", yaml, StringComparison.Ordinal);
            Assert.True(group.Remote);
        }

        // The registry's Secrets are core/v1 Secrets whose every value is a secret input.
        var secrets = h.OfType("kubernetes:core/v1:Secret").ToList();
        Assert.Equal(platform.SelectMany(s => s.Objects).Where(o => o.IsSecret).Select(o => $"prod-{o.Namespace}-{o.Name}").Order(), secrets.Select(s => s.Name).Order());
        Assert.Contains(secrets, s => s.Name == "prod-shapeblock-registry-creds");
        Assert.All(secrets.SelectMany(Harness.Leaves).Where(l => l.Path.StartsWith("/stringData", StringComparison.Ordinal)), l => Assert.True(l.Secret));
        var creds = Harness.Inputs(secrets.Single(s => s.Name.EndsWith("creds", StringComparison.Ordinal)));
        var password = h.Generated["prod-registry-password"];
        Assert.Contains(password, creds["stringData"]![".dockerconfigjson"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"registry.{h.PublicIps["prod-master-1"]}.nip.io", creds["stringData"]![".dockerconfigjson"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void DigitalOcean_maps_droplets_vpc_firewall_tags_and_a_load_balancer_over_the_masters()
    {
        Cluster? cluster = null;
        var h = new Harness().Run(() => cluster = new Cluster("prod", Models.Args("digitalocean", 3)));
        var plan = Planner.Create(Models.Core("digitalocean", 3).Stack);

        Assert.Equal(plan.Steps.Select(s => s.CloudResource).Where(c => c?.Type == "droplet").Select(c => c!.Name).Order(),
            h.OfType("digitalocean:index/droplet:Droplet").Select(r => r.Name).Order());
        Assert.Single(h.OfType("digitalocean:index/vpc:Vpc"));
        Assert.Single(h.OfType("pulumi:providers:digitalocean"));
        Assert.Empty(h.OfType("pulumi:providers:hcloud"));

        var lb = Harness.Inputs(h.Single("digitalocean:index/loadBalancer:LoadBalancer", "prod-api"));
        var masterIds = h.OfType("digitalocean:index/droplet:Droplet").Where(d => d.Name.Contains("master", StringComparison.Ordinal))
            .Select(d => double.Parse(Harness.Value(((CustomResource)d.Resource).Id), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(masterIds.Order(), lb["dropletIds"]!.AsArray().Select(i => i!.GetValue<double>()).Order());
        Assert.Equal(6443, lb["forwardingRules"]![0]!["entryPort"]!.GetValue<double>());

        var firewall = Harness.Inputs(h.Single("digitalocean:index/firewall:Firewall", "prod-firewall"));
        Assert.Equal(["shapeblock-cluster:prod"], firewall["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var droplet = Harness.Inputs(h.Single("digitalocean:index/droplet:Droplet", "prod-gpu-1"));
        Assert.Contains("shapeblock-cluster:prod", droplet["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(Harness.Value(((CustomResource)h.Single("digitalocean:index/vpc:Vpc", "prod-network").Resource).Id), droplet["vpcUuid"]!.GetValue<string>());

        // The k3s flags use the droplets' private addresses, known only once they exist.
        var install = Harness.Inputs(h.Single("command:remote:Command", "prod-k3s-prod-master-2"))["create"]!.GetValue<string>();
        Assert.Contains($"--node-ip '{h.PrivateIps["prod-master-2"]}'", install, StringComparison.Ordinal);
        Assert.Contains($"'https://{h.PrivateIps["prod-master-1"]}:6443'", install, StringComparison.Ordinal);
        Assert.Equal($"https://{h.PublicIps["prod-api"]}:6443", Harness.Value(cluster!.ApiEndpoint));
    }

    [Fact]
    public void Bad_input_names_the_resource_and_the_fix()
    {
        var provider = Assert.Throws<ArgumentException>(() => new Harness().Run(() => _ = new Cluster("prod", new ClusterArgs
        {
            Provider = "aws",
            Token = "x",
            SshPublicKey = Models.PublicKey,
        })));
        Assert.Contains("shapeblock:index:Cluster prod", provider.Message, StringComparison.Ordinal);
        Assert.Contains("\"hetzner\" or \"digitalocean\"", provider.Message, StringComparison.Ordinal);

        var masters = Assert.Throws<ArgumentException>(() => new Harness().Run(() => _ = new Cluster("prod", Models.Args("hetzner", 2))));
        Assert.Contains("shapeblock:index:Cluster prod", masters.Message, StringComparison.Ordinal);
        Assert.Contains("prod", masters.Message, StringComparison.Ordinal);

        var token = Assert.Throws<ArgumentException>(() => new Harness().Run(() => _ = new Cluster("prod", new ClusterArgs { SshPublicKey = Models.PublicKey })));
        Assert.Contains("Token is required", token.Message, StringComparison.Ordinal);
    }

    /// <summary>Replaces the plan's address placeholders with what the mocks answered.</summary>
    internal static string Fill(string text, Harness h) => Placeholder().Replace(text, m => m.Groups[2].Value switch
    {
        "ipv4" => h.PublicIps[m.Groups[1].Value],
        "private-ip" => h.PrivateIps[m.Groups[1].Value],
        "ingress-address" => h.PublicIps[$"{m.Groups[1].Value}-master-1"],
        var other => throw new InvalidOperationException($"unexpected placeholder {other}"),
    });

    [GeneratedRegex(@"\$\{([^}]+)\.(ipv4|private-ip|ingress-address)\}")]
    private static partial Regex Placeholder();
}

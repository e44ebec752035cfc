using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Tests;

/// <summary>
/// <see cref="ClusterArgs.AdminCidrs"/>: checked (each entry an IPv4/IPv6 CIDR block, errors name the cluster, the entry
/// and the fix) and carried into the plan's firewall, which the provisioner, the cloud diff and the Pulumi adapter share.
/// </summary>
public sealed class AdminCidrsTests
{
    [Fact]
    public void Bad_entries_are_listed_with_the_cluster_path_the_index_and_the_fix()
    {
        var report = Validate(new HetznerProvider { Token = Secret.Literal("t") },
            ["198.51.100.7/32", "198.51.100.7", "198.51.100.7/24", "10.1/8", "2001:db8::/129", "office", "10.0.0.0/8", "10.0.0.0/8"]);

        var errors = report.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(
            [
                "prod: AdminCidrs[1]: '198.51.100.7' has no prefix length: write '198.51.100.7/32' for this one address",
                "prod: AdminCidrs[2]: '198.51.100.7/24' has address bits set after the /24 prefix: write '198.51.100.0/24' for the whole block, or '198.51.100.7/32' for this one address",
                "prod: AdminCidrs[3]: '10.1/8' is not an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32",
                "prod: AdminCidrs[4]: '2001:db8::/129' has prefix length '/129'; an IPv6 block takes /0 to /128",
                "prod: AdminCidrs[5]: 'office' is not an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32",
                "prod: AdminCidrs lists '10.0.0.0/8' 2 times; list each block once",
            ],
            errors);
    }

    [Fact]
    public void An_empty_list_is_refused_because_up_itself_needs_ssh()
    {
        var report = Validate(new DigitalOceanProvider { Token = Secret.Literal("t") }, []);

        var error = Assert.Single(report.Errors);
        Assert.StartsWith("prod: AdminCidrs must list at least one CIDR block", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("AdminCidrs = [\"203.0.113.7/32\"]", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_and_canonical_ipv4_and_ipv6_blocks_are_valid()
    {
        Assert.True(Validate(new HetznerProvider { Token = Secret.Literal("t") }, null).IsValid);
        var report = Validate(new HetznerProvider { Token = Secret.Literal("t") }, ["203.0.113.7/32", "2001:DB8:0::/48", "0.0.0.0/0"]);
        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public void A_node_source_without_a_firewall_warns_that_the_setting_does_nothing()
    {
        var report = Validate(ExistingCluster.FromKubeconfig("/none"), ["203.0.113.7/32"]);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        Assert.Contains(report.Warnings, w => w.ToString().StartsWith("prod: AdminCidrs has no effect with an existing cluster", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hetzner")]
    [InlineData("digitalocean")]
    public void The_plan_firewall_opens_ssh_and_the_api_to_the_admin_cidrs_only(string provider)
    {
        var plan = Planner.Create(TestSupport.Stack(s => s.Add(new Cluster("prod", new ClusterArgs
        {
            Provider = provider == "hetzner" ? new HetznerProvider() : new DigitalOceanProvider(),
            AdminCidrs = ["203.0.113.7/32", "2001:DB8::/48"],
        }))));

        var step = plan.Find("prod/cloud/prod-firewall")!;
        var inbound = step.CloudResource!.Properties["inbound"]!.AsArray().OfType<JsonObject>().ToDictionary(r => r["port"]!.GetValue<string>(), r => Sources(r));
        Assert.Equal(["203.0.113.7/32", "2001:db8::/48"], inbound["22"]);
        Assert.Equal(["203.0.113.7/32", "2001:db8::/48"], inbound["6443"]);
        Assert.Equal(["0.0.0.0/0", "::/0"], inbound["80"]);
        Assert.Equal(["0.0.0.0/0", "::/0"], inbound["443"]);
        Assert.Equal("firewall prod-firewall (22, 6443 in from 203.0.113.7/32, 2001:db8::/48; 80, 443 in; the private network open)", step.Title);
    }

    [Fact]
    public void Without_the_setting_the_plan_firewall_is_open_to_anywhere()
    {
        var plan = Planner.Create(TestSupport.QuickStart());

        var step = plan.Find("prod/cloud/prod-firewall")!;
        var ssh = step.CloudResource!.Properties["inbound"]!.AsArray().OfType<JsonObject>().Single(r => r["port"]!.GetValue<string>() == "22");
        Assert.Equal(["0.0.0.0/0", "::/0"], Sources(ssh));
        Assert.Contains("22, 80, 443, 6443 in from anywhere — AdminCidrs limits 22 and 6443", step.Title, StringComparison.Ordinal);
    }

    private static ValidationReport Validate(NodeSource provider, IReadOnlyList<string>? cidrs)
    {
        var args = new ClusterArgs { Provider = provider };
        if (cidrs is not null)
        {
            args.AdminCidrs = cidrs;
        }

        return StackValidator.Validate(TestSupport.Stack(s => s.Add(new Cluster("prod", args))), TestSupport.Resolver());
    }

    private static List<string> Sources(JsonObject rule) => [.. rule["source_ips"]!.AsArray().Select(a => a!.GetValue<string>())];
}

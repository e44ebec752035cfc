using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>Changing where SSH and the API may be reached from updates the existing firewall on the next <c>up</c>, once.</summary>
public sealed class FirewallUpdateTests
{
    private const string Office = "198.51.100.7/32";

    [SshHostFact]
    public async Task Hetzner_up_creates_the_firewall_with_the_models_admin_cidrs_in_canonical_form()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("fw", 1);
        cluster.Args.AdminCidrs = [Office, "2001:DB8:0::/48"];

        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var firewall = Assert.Single(world.Hetzner!.State.Firewalls);
        Assert.Equal([Office, "2001:db8::/48"], firewall.Rules.Single(r => r.Port == "22").SourceIps);
        Assert.Equal([Office, "2001:db8::/48"], firewall.Rules.Single(r => r.Port == "6443").SourceIps);
        Assert.Equal(["0.0.0.0/0", "::/0"], firewall.Rules.Single(r => r.Port == "443").SourceIps);

        // The canonical form is what the cloud holds: the next up finds nothing to change.
        world.Hetzner.Requests.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
    }

    [SshHostFact]
    public async Task DigitalOcean_up_creates_the_firewall_with_the_models_admin_cidrs()
    {
        await using var world = await World.CreateAsync("digitalocean");
        var cluster = world.DigitalOceanCluster("fw", 1);
        cluster.Args.AdminCidrs = [Office];

        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var firewall = Assert.Single(world.DigitalOcean!.State.Firewalls);
        Assert.Equal([Office], firewall.InboundRules.Single(r => r.Ports == "22").Sources.Addresses);
        Assert.Equal([Office], firewall.InboundRules.Single(r => r.Ports == "6443").Sources.Addresses);
        Assert.Equal(["0.0.0.0/0", "::/0"], firewall.InboundRules.Single(r => r.Ports == "80").Sources.Addresses);
    }

    [SshHostFact]
    public async Task A_bad_admin_cidr_is_refused_before_any_cloud_change()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("fw", 1);
        cluster.Args.AdminCidrs = ["198.51.100.7/24"];

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));

        Assert.Contains("198.51.100.0/24", refused.Message, StringComparison.Ordinal);
        Assert.Contains("198.51.100.7/32", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner!.Requests.MutatingCount);
    }

    [SshHostFact]
    public async Task DigitalOcean_firewall_rules_follow_the_admin_cidrs_on_a_re_up()
    {
        await using var world = await World.CreateAsync("digitalocean");
        var cluster = world.DigitalOceanCluster("fw", 1);
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        var state = world.DigitalOcean!.State;
        var before = Assert.Single(state.Firewalls);
        Assert.Equal(["0.0.0.0/0", "::/0"], before.InboundRules.Single(r => r.Ports == "22").Sources.Addresses);

        world.DigitalOcean.Requests.Clear();
        cluster.Args.AdminCidrs = [Office];
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var put = Assert.Single(world.DigitalOcean.Requests.All, r => r.IsMutating);
        Assert.Equal("PUT", put.Method);
        Assert.Equal($"/v2/firewalls/{before.Id}", put.Path);
        var after = Assert.Single(state.Firewalls);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal([Office], after.InboundRules.Single(r => r.Ports == "22").Sources.Addresses);
        Assert.Equal([Office], after.InboundRules.Single(r => r.Ports == "6443").Sources.Addresses);
        Assert.Equal(["0.0.0.0/0", "::/0"], after.InboundRules.Single(r => r.Ports == "443").Sources.Addresses);
        Assert.Equal(["shapeblock-cluster:fw"], after.Tags);
        Assert.Equal(before.OutboundRules.Count, after.OutboundRules.Count);

        // Unchanged CIDRs: nothing written.
        world.DigitalOcean.Requests.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.DigitalOcean.Requests.MutatingCount);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Empty(state.Firewalls);
    }

    [SshHostFact]
    public async Task Hetzner_firewall_rules_follow_the_admin_cidrs_on_a_re_up()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("fw", 1);
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        var state = world.Hetzner!.State;
        var before = Assert.Single(state.Firewalls);

        world.Hetzner.Requests.Clear();
        cluster.Args.AdminCidrs = [Office];
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var set = Assert.Single(world.Hetzner.Requests.All, r => r.IsMutating);
        Assert.Equal($"/v1/firewalls/{before.Id}/actions/set_rules", set.Path);
        var after = Assert.Single(state.Firewalls);
        Assert.Equal([Office], after.Rules.Single(r => r.Port == "22").SourceIps);
        Assert.Equal([Office], after.Rules.Single(r => r.Port == "6443").SourceIps);

        world.Hetzner.Requests.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=fw"));
    }
}

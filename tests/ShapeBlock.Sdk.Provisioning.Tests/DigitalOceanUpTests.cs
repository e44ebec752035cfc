using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Clouds;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary><c>up</c> → <c>up</c> → <c>destroy</c> on the fake DigitalOcean API: tags instead of labels, VPC, firewall, load balancer.</summary>
public sealed class DigitalOceanUpTests
{
    [SshHostFact]
    public async Task Droplets_are_tagged_joined_behind_a_load_balancer_and_destroyed_without_leftovers()
    {
        await using var world = await World.CreateAsync("digitalocean");
        var digitalOcean = world.DigitalOcean!;
        digitalOcean.Faults.RateLimit(2, TimeSpan.FromSeconds(1), "POST", "/v2/droplets");
        var cluster = world.DigitalOceanCluster("doc", 3, ("workers", 1));

        var result = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        Assert.Equal(["doc-master-1", "doc-master-2", "doc-master-3", "doc-workers-1"], world.ReadyNodes());
        var state = digitalOcean.State;
        Assert.Equal(4, state.Droplets.Count);
        Assert.All(state.Droplets, d => Assert.Contains("shapeblock-cluster:doc", d.Tags));
        Assert.Equal(3, state.Droplets.Count(d => d.Tags.Contains("shapeblock-master:doc")));
        var vpc = Assert.Single(state.Vpcs, v => v.Name == "doc-network");
        Assert.All(state.Droplets, d => Assert.Equal(vpc.Id, d.VpcUuid));
        Assert.Single(state.Firewalls, f => f.Name == "doc-firewall");
        var lb = Assert.Single(state.LoadBalancers);
        Assert.Equal($"https://{lb.Ip}:6443", result.ApiEndpoint);
        Assert.Equal(2, digitalOcean.Requests.Matching("POST", "/v2/droplets").Count(r => r.Status == 429));

        var firstPrivate = state.Droplets.Single(d => d.Name == "doc-master-1").Networks.V4.Single(n => n.Type == "private").IpAddress;
        var join = Assert.Single(world.Host("doc-master-2").K3sInvocations);
        Assert.Equal($"https://{firstPrivate}:6443", join.Flag("--server"));
        Assert.Equal(lb.Ip, join.Flag("--tls-san"));
        Assert.Equal("eth1", join.Flag("--flannel-iface"));

        digitalOcean.Requests.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, digitalOcean.Requests.MutatingCount);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster, world.Progress);
        Assert.Equal(0, state.CountTagged("shapeblock-cluster:doc"));
        Assert.Empty(state.Droplets);
        Assert.DoesNotContain(state.Vpcs, v => v.Name == "doc-network");
        Assert.DoesNotContain(state.SshKeys, k => k.Name == "doc-key");
        Assert.Empty(state.LoadBalancers);
        Assert.Empty(state.Firewalls);
        Assert.DoesNotContain(digitalOcean.Options.Token, world.Transcript(), StringComparison.Ordinal);
    }

    [SshHostFact]
    public async Task A_droplet_stuck_new_and_5xx_answers_end_in_a_clear_error_and_destroy_leaves_nothing()
    {
        await using var world = await World.CreateAsync("digitalocean");
        var digitalOcean = world.DigitalOcean!;
        digitalOcean.Options.CreateOutcome = _ => ActionOutcome.Hang;
        digitalOcean.Faults.ServerError(2, 502, "GET", "/v2/droplets");
        var cluster = world.DigitalOceanCluster("dostuck", 1);
        var options = world.Options(o => o with { ServerReadyTimeout = TimeSpan.FromSeconds(2) });

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(options).UpAsync(cluster, world.Progress));

        Assert.Contains("droplet dostuck-master-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("still 'new'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, digitalOcean.Requests.Matching("GET", "/v2/droplets").Count(r => r.Status == 502));
        Assert.True(digitalOcean.State.CountTagged("shapeblock-cluster:dostuck") > 0);

        await new ClusterProvisioner(options).DestroyAsync(cluster, world.Progress);
        Assert.Equal(0, digitalOcean.State.CountTagged("shapeblock-cluster:dostuck"));
        Assert.DoesNotContain(digitalOcean.State.Vpcs, v => v.Name == "dostuck-network");
        Assert.DoesNotContain(digitalOcean.State.SshKeys, k => k.Name == "dostuck-key");
    }
}

using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>Three masters behind the API load balancer; pools scaled up and down; quorum protected.</summary>
public sealed class HetznerHaAndScaleTests
{
    [SshHostFact]
    public async Task Three_masters_join_the_first_behind_a_load_balancer_and_are_not_dropped_below_quorum()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("ha", 3, ("workers", 1));

        var result = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        Assert.Equal(["ha-master-1", "ha-master-2", "ha-master-3", "ha-workers-1"], world.ReadyNodes());
        var state = world.Hetzner!.State;
        var lb = Assert.Single(state.LoadBalancers);
        Assert.Equal("ha-api", lb.Name);
        Assert.Equal("ha", lb.Labels["shapeblock.io/cluster"]);
        var lbIp = lb.PublicNet.Ipv4.Ip!;
        Assert.Equal($"https://{lbIp}:6443", result.ApiEndpoint);
        Assert.Equal(3, state.Servers.Count(s => s.PlacementGroup is not null));

        var firstIp = state.Servers.Single(s => s.Name == "ha-master-1").PrivateNet.Single().Ip;
        var first = Assert.Single(world.Host("ha-master-1").K3sInvocations);
        Assert.True(first.Has("--cluster-init"));
        Assert.Equal(lbIp, first.Flag("--tls-san"));
        Assert.Contains("CriticalAddonsOnly=true:NoExecute", first.Flags("--node-taint"));
        foreach (var name in new[] { "ha-master-2", "ha-master-3" })
        {
            var join = Assert.Single(world.Host(name).K3sInvocations);
            Assert.Equal("server", join.Arguments[0]);
            Assert.False(join.Has("--cluster-init"));
            Assert.Equal($"https://{firstIp}:6443", join.Flag("--server"));
            Assert.Equal(lbIp, join.Flag("--tls-san"));
            Assert.Equal(first.Environment["K3S_TOKEN"], join.Environment["K3S_TOKEN"]);
        }

        // 3 → 1 masters would leave 1 of 3 etcd members: refused before anything changes.
        cluster.Args.Masters.Count = 1;
        world.Hetzner.Requests.Clear();
        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));
        Assert.Contains("quorum", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Force", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Equal(4, state.Servers.Count);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster, world.Progress);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=ha"));
    }

    [SshHostFact]
    public async Task A_pool_scales_up_by_joining_new_servers_and_down_by_draining_and_deleting()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("sc", 1, ("workers", 1));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(["sc-master-1", "sc-workers-1"], world.ReadyNodes());

        cluster.Args.NodePools[0].Count = 3;
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(["sc-master-1", "sc-workers-1", "sc-workers-2", "sc-workers-3"], world.ReadyNodes());
        Assert.Single(world.Host("sc-master-1").K3sInvocations);
        Assert.Single(world.Host("sc-workers-1").K3sInvocations);
        Assert.Equal(4, world.Hetzner!.State.Servers.Count);

        // A pod on a node that goes away is evicted through the Eviction API.
        world.Kubernetes.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "web-1", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["nodeName"] = "sc-workers-3", ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx" }) },
        });

        cluster.Args.NodePools[0].Count = 1;
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(["sc-master-1", "sc-workers-1"], world.ReadyNodes());
        Assert.Equal(["sc-master-1", "sc-workers-1"], world.Hetzner.State.Servers.Select(s => s.Name).Order());
        Assert.Null(world.Kubernetes.Get("v1", "Pod", "default", "web-1"));
        Assert.Equal(2, world.AllHosts.Count);
        Assert.Contains(world.Events, e => e.Phase == "scale down" && e.Kind == ProvisionEventKind.PhaseCompleted);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, world.Hetzner.State.CountLabelled("shapeblock.io/cluster=sc"));
    }
}

using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>Scaling down drains through the Eviction API: a PodDisruptionBudget that allows no disruption stops it at the timeout unless forced.</summary>
public sealed class DrainTests
{
    [SshHostFact]
    public async Task A_blocking_PodDisruptionBudget_stops_the_scale_down_until_Force()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("pdb", 1, ("workers", 2));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        await world.AddGuardedPodAsync("pdb-workers-2");

        cluster.Args.NodePools[0].Count = 1;
        var options = world.Options(o => o with { DrainTimeout = TimeSpan.FromSeconds(1) });
        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(options).UpAsync(cluster, world.Progress));
        Assert.Contains("pdb-workers-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("default/db-0", error.Message, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudget", error.Message, StringComparison.Ordinal);
        Assert.NotNull(world.Kubernetes.Get("v1", "Pod", "default", "db-0"));
        Assert.Equal(true, world.Kubernetes.Get("v1", "Node", null, "pdb-workers-2")?["spec"]?["unschedulable"]?.GetValue<bool>());
        Assert.Equal(3, world.Hetzner!.State.Servers.Count);

        var forced = await new ClusterProvisioner(options with { Force = true }).UpAsync(cluster, world.Progress);
        Assert.Equal(["pdb-master-1", "pdb-workers-1"], world.ReadyNodes());
        Assert.Equal(2, world.Hetzner.State.Servers.Count);
        Assert.Contains(world.Events, e => e.Kind == ProvisionEventKind.Warning && e.Message.Contains("default/db-0", StringComparison.Ordinal));
        Assert.Equal(2, forced.Nodes.Count);
    }
}

using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// The masters of a 3-master cluster change type without <c>--force</c>: one machine at a time, workers first, and
/// every other node Ready and schedulable whenever one goes down — so never two masters down at once (etcd keeps
/// quorum). Order and overlap come from what the test world recorded (the fake cloud's power changes, the simulated
/// kubelet's Ready changes), not from timing.
/// </summary>
public sealed class MasterResizeTests
{
    private static readonly TimeSpan KubeletStartup = TimeSpan.FromMilliseconds(300);

    [SshHostFact]
    public async Task Three_masters_change_type_one_at_a_time_after_the_workers_each_Ready_and_uncordoned_before_the_next()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("mq", 3, ("workers", 1));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        // A node is Ready again only a moment after its machine runs, so an `up` that did not wait would be seen.
        world.Kubelet.ReadyDelay = KubeletStartup;
        cluster.Args.Masters.Size = "cx32";
        cluster.Args.NodePools[0].Size = "cx32";
        var options = world.Options();
        Assert.False(options.Force);
        var from = DateTimeOffset.UtcNow;
        await new ClusterProvisioner(options).UpAsync(cluster, world.Progress);

        string[] order = ["mq-workers-1", "mq-master-1", "mq-master-2", "mq-master-3"];
        var state = world.Hetzner!.State;
        foreach (var name in order)
        {
            var server = state.Servers.Single(s => s.Name == name);
            Assert.Equal(("cx32", 80, "running"), (server.ServerType.Name, server.PrimaryDiskSize, server.Status));
            var node = world.Kubernetes.Get("v1", "Node", null, name)!;
            Assert.NotEqual(true, node["spec"]?["unschedulable"]?.GetValue<bool>());
            Assert.Null(node["metadata"]?["annotations"]?["shapeblock.io/resizing"]);
        }

        Assert.Equal([.. order.Order(StringComparer.Ordinal)], world.ReadyNodes());

        var events = world.Kubelet.Events.Where(e => e.At >= from).ToList();
        var offs = events.Where(e => e.What == "power-off").ToList();
        Assert.Equal(order, offs.Select(e => e.Node));

        // Whenever a machine went down, every other node was Ready and schedulable: the one before was back and
        // uncordoned, and no second master was down.
        Assert.All(offs, off => Assert.Empty(off.Degraded));

        for (var i = 0; i < order.Length; i++)
        {
            var off = events.IndexOf(offs[i]);
            var on = events.FindIndex(off, e => e.Node == order[i] && e.What == "power-on");
            var ready = events.FindIndex(off, e => e.Node == order[i] && e.What == "Ready");
            Assert.InRange(events.FindIndex(off, e => e.Node == order[i] && e.What == "NotReady"), off, on);
            Assert.InRange(ready, on + 1, events.Count - 1);
            Assert.True(events[ready].At - events[on].At >= KubeletStartup, $"{order[i]} was Ready only after its kubelet started");
            if (i + 1 < order.Length)
            {
                // The next machine went down only after this one was Ready again (and, by Degraded above, uncordoned).
                Assert.True(events.IndexOf(offs[i + 1]) > ready && offs[i + 1].At >= events[ready].At, $"{order[i + 1]} went down after {order[i]} was Ready");
            }
        }

        // One type change per machine; that a later `up` changes nothing is ResizeTests' part (kept out for run time).
        Assert.Equal(4, state.Actions.Count(a => a.Command == "change_server_type"));
    }
}

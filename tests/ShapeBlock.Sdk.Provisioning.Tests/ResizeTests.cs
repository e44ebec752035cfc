using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// A pool's server type changes: each machine is drained, switched off, resized in the fake cloud, switched on and
/// uncordoned, one at a time; a downgrade that would shrink the disk is refused; an interrupted resize is finished by
/// the next <c>up</c>; an unchanged <c>up</c> afterwards changes nothing.
/// </summary>
public sealed class ResizeTests
{
    private const string Resizing = "shapeblock.io/resizing";

    [SshHostFact]
    public async Task Hetzner_worker_pool_is_resized_one_server_at_a_time_and_a_shrinking_downgrade_is_refused()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("rz", 1, ("workers", 2));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        AddPod(world, "web-1", "rz-workers-1");
        AddPod(world, "web-2", "rz-workers-2");

        cluster.Args.NodePools[0].Size = "cx32";
        world.Events.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var state = world.Hetzner!.State;
        foreach (var name in new[] { "rz-workers-1", "rz-workers-2" })
        {
            var server = state.Servers.Single(s => s.Name == name);
            Assert.Equal(("cx32", 80, "running"), (server.ServerType.Name, server.PrimaryDiskSize, server.Status));
            AssertSchedulable(world, name);
        }

        Assert.Equal("cx22", state.Servers.Single(s => s.Name == "rz-master-1").ServerType.Name);
        Assert.Null(world.Kubernetes.Get("v1", "Pod", "default", "web-1"));
        Assert.Null(world.Kubernetes.Get("v1", "Pod", "default", "web-2"));
        Assert.Equal(["rz-master-1", "rz-workers-1", "rz-workers-2"], world.ReadyNodes());
        Assert.Matches(@"MemTotal:\s+8388608 kB", await world.Host("rz-workers-1").ReadFileAsync("/proc/meminfo"));

        // One at a time: the first worker was running its new type before the second one was shut down.
        var actions = state.Actions;
        long ServerOf(string name) => state.Servers.Single(s => s.Name == name).Id;
        var firstOn = actions.Single(a => a.Command == "poweron" && a.Resources.Any(r => r.Id == ServerOf("rz-workers-1")));
        var secondOff = actions.Single(a => a.Command == "shutdown" && a.Resources.Any(r => r.Id == ServerOf("rz-workers-2")));
        Assert.True(string.CompareOrdinal(firstOn.Started, secondOff.Started) <= 0 && firstOn.Id < secondOff.Id);
        Assert.Equal(2, actions.Count(a => a.Command == "change_server_type"));
        Assert.Contains(world.Events, e => e.Phase == "resize" && e.Message.Contains("rz-workers-2: cx22 -> cx32", StringComparison.Ordinal));

        // Nothing left to do.
        world.Hetzner.Requests.Clear();
        world.Events.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.DoesNotContain(world.Events, e => e.Phase == "resize");

        // Back to cx22 would shrink the 80 GB disks: refused before any change, with the way out.
        cluster.Args.NodePools[0].Size = "cx22";
        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));
        Assert.Contains("cx32 -> cx22 would shrink the disk of rz-workers-1 from 80 GB to 40 GB", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Count to 0", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=rz"));
    }

    [SshHostFact]
    public async Task DigitalOcean_worker_pool_is_resized_with_its_disk_and_up_again_changes_nothing()
    {
        await using var world = await World.CreateAsync("digitalocean");
        var cluster = world.DigitalOceanCluster("drz", 1, ("workers", 1));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        AddPod(world, "web-1", "drz-workers-1");

        // The only master too: the API would be down while it is off, so not without Force (and nothing changes).
        cluster.Args.NodePools[0].Size = "s-4vcpu-8gb";
        cluster.Args.Masters.Size = "s-4vcpu-8gb";
        world.DigitalOcean!.Requests.Clear();
        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));
        Assert.Contains("switches off the only master", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.DigitalOcean.Requests.MutatingCount);

        cluster.Args.Masters.Size = null;
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var droplet = world.DigitalOcean.State.Droplets.Single(d => d.Name == "drz-workers-1");
        Assert.Equal(("s-4vcpu-8gb", 160, "active"), (droplet.SizeSlug, droplet.Disk, droplet.Status));
        Assert.Equal("s-2vcpu-4gb", world.DigitalOcean.State.Droplets.Single(d => d.Name == "drz-master-1").SizeSlug);
        Assert.Equal(["shutdown", "resize", "power_on"], world.DigitalOcean.State.Actions.Where(a => a.ResourceId == droplet.Id && a.Type != "create").Select(a => a.Type));
        Assert.Null(world.Kubernetes.Get("v1", "Pod", "default", "web-1"));
        AssertSchedulable(world, "drz-workers-1");

        world.DigitalOcean.Requests.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.DigitalOcean.Requests.MutatingCount);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, world.DigitalOcean.State.CountTagged("shapeblock-cluster:drz"));
    }

    [SshHostFact]
    public async Task An_up_killed_while_the_server_is_off_or_changing_type_is_finished_by_the_next_up()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("kil", 1, ("workers", 1));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        // The run is killed right after the worker was switched off for its type change.
        cluster.Args.NodePools[0].Size = "cx32";
        using var kill = new CancellationTokenSource();
        var power = world.Hetzner!.Options.PowerChanged!;
        world.Hetzner.Options.PowerChanged = async (server, on, ct) =>
        {
            await power(server, on, ct);
            if (!on)
            {
                await kill.CancelAsync();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress, kill.Token));
        world.Hetzner.Options.PowerChanged = power;

        var server = world.Hetzner.State.Servers.Single(s => s.Name == "kil-workers-1");
        Assert.Equal(("off", "cx22"), (server.Status, server.ServerType.Name));
        var node = world.Kubernetes.Get("v1", "Node", null, "kil-workers-1")!;
        Assert.True(node["spec"]?["unschedulable"]?.GetValue<bool>());
        Assert.Equal("cx32", node["metadata"]!["annotations"]![Resizing]!.GetValue<string>());

        // The next up changes the type while the server is off, starts it and puts the node back into service.
        world.Events.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        server = world.Hetzner.State.Servers.Single(s => s.Name == "kil-workers-1");
        Assert.Equal(("running", "cx32"), (server.Status, server.ServerType.Name));
        AssertSchedulable(world, "kil-workers-1");
        Assert.Contains(world.Events, e => e.Phase == "resize" && e.Message.Contains("kil-workers-1: resized by an earlier run", StringComparison.Ordinal));

        // Killed again, this time while the type change itself runs (slow actions): the server is migrating and locked.
        cluster.Args.NodePools[0].Size = "cx42";
        world.Hetzner.Options.ActionDuration = TimeSpan.FromSeconds(1);
        world.Hetzner.Requests.Clear();
        using var killAgain = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            await Eventually.Until(() => world.Hetzner.Requests.Matching("POST", "/v1/servers/").Any(r => r.Path.EndsWith("/actions/change_type", StringComparison.Ordinal) && r.Status == 201), "the change_type call");
            await killAgain.CancelAsync();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress, killAgain.Token));
        await watcher;
        world.Hetzner.Options.ActionDuration = TimeSpan.FromMilliseconds(30);
        Assert.Equal("migrating", world.Hetzner.State.Servers.Single(s => s.Name == "kil-workers-1").Status);

        // The next up lets the change finish, starts the server and uncordons the node.
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        server = world.Hetzner.State.Servers.Single(s => s.Name == "kil-workers-1");
        Assert.Equal(("running", "cx42", 160), (server.Status, server.ServerType.Name, server.PrimaryDiskSize));
        AssertSchedulable(world, "kil-workers-1");
        // One type change per resize: the interrupted one was waited for, not posted again.
        Assert.Equal(2, world.Hetzner.State.Actions.Count(a => a.Command == "change_server_type" && a.Resources.Any(r => r.Id == server.Id)));

        world.Hetzner.Requests.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
    }

    [SshHostFact]
    public async Task A_node_still_Ready_from_before_its_power_off_is_not_taken_for_rejoined_the_next_machine_waits_for_a_new_bootID()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("st", 1, ("workers", 2));
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        // As on a real cloud: a switched-off node stays Ready for a while (the node controller notices after ~40 s),
        // and the kubelet reports in again only a moment after power-on; the bootID is what tells the boots apart.
        world.Kubelet.StaleReadyWhileOff = true;
        world.Kubelet.ReadyDelay = TimeSpan.FromMilliseconds(300);
        string[] workers = ["st-workers-1", "st-workers-2"];
        string BootId(string name) => world.Kubernetes.Get("v1", "Node", null, name)!["status"]!["nodeInfo"]!["bootID"]!.GetValue<string>();
        var before = workers.ToDictionary(n => n, BootId);
        Assert.All(before.Values, id => Assert.NotEmpty(id));

        cluster.Args.NodePools[0].Size = "cx32";
        var from = DateTimeOffset.UtcNow;
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var events = world.Kubelet.Events.Where(e => e.At >= from).ToList();
        Assert.Equal(workers, events.Where(e => e.What == "power-off").Select(e => e.Node));
        Assert.DoesNotContain(events, e => e.What == "NotReady"); // the stale Ready stood throughout: the case under test

        // The second machine went down only after the first one had booted again and reported its new bootID.
        var firstOn = events.FindIndex(e => e.Node == workers[0] && e.What == "power-on");
        var firstBoot = events.FindIndex(e => e.Node == workers[0] && e.What == "boot");
        var secondOff = events.FindIndex(e => e.Node == workers[1] && e.What == "power-off");
        Assert.InRange(firstBoot, firstOn + 1, secondOff - 1);
        Assert.True(events[secondOff].At >= events[firstBoot].At, $"{workers[1]} went down after {workers[0]} rejoined");
        Assert.Contains(events, e => e.Node == workers[1] && e.What == "boot");

        foreach (var name in workers)
        {
            Assert.NotEqual(before[name], BootId(name));
            Assert.Equal(("cx32", "running"), world.Hetzner!.State.Servers.Where(s => s.Name == name).Select(s => (s.ServerType.Name, s.Status)).Single());
            AssertSchedulable(world, name);
        }
    }

    private static void AddPod(World world, string name, string node) =>
        world.Kubernetes.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx" }) },
        });

    private static void AssertSchedulable(World world, string name)
    {
        var node = world.Kubernetes.Get("v1", "Node", null, name)!;
        Assert.NotEqual(true, node["spec"]?["unschedulable"]?.GetValue<bool>());
        Assert.Null(node["metadata"]?["annotations"]?[Resizing]);
    }
}

using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>Going from 1 to 3 masters: the first master's certificate gets the load balancer's address too.</summary>
public sealed class TlsSanTests
{
    private const string ServingSans = "/var/lib/rancher/k3s/server/tls/serving-sans";

    [SshHostFact]
    public async Task One_to_three_masters_restarts_the_first_with_the_load_balancer_as_SAN_once()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("san", 1);
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        var state = world.Hetzner!.State;
        var firstPublic = state.Servers.Single(s => s.Name == "san-master-1").PublicNet.Ipv4!.Ip;
        var install = Assert.Single(world.Host("san-master-1").K3sInvocations);
        Assert.Equal([firstPublic], install.Flags("--tls-san"));

        cluster.Args.Masters.Count = 3;
        world.Events.Clear();
        var result = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var lbIp = Assert.Single(state.LoadBalancers).PublicNet.Ipv4.Ip!;
        Assert.Equal($"https://{lbIp}:6443", result.ApiEndpoint);
        Assert.Equal(["san-master-1", "san-master-2", "san-master-3"], world.ReadyNodes());

        // The first master ran k3s again (the installer restarts it) with the LB first and its own address kept.
        var first = world.Host("san-master-1");
        Assert.Equal(2, first.K3sInvocations.Count);
        var restart = first.K3sInvocations[^1];
        Assert.Equal([lbIp, firstPublic], restart.Flags("--tls-san"));
        Assert.True(restart.Has("--cluster-init"));
        Assert.Equal(install.Environment["K3S_TOKEN"], restart.Environment["K3S_TOKEN"]);
        Assert.Contains(lbIp, (await first.ReadFileAsync(ServingSans))!.Split('\n'));
        Assert.Contains($"'--tls-san' '{lbIp}'", await first.ReadFileAsync("/etc/systemd/system/k3s.service"), StringComparison.Ordinal);

        // New masters are installed once, with the full list.
        foreach (var name in new[] { "san-master-2", "san-master-3" })
        {
            var own = state.Servers.Single(s => s.Name == name).PublicNet.Ipv4!.Ip;
            Assert.Equal([lbIp, own], Assert.Single(world.Host(name).K3sInvocations).Flags("--tls-san"));
        }

        // The SANs were fixed before the new masters joined through the cluster.
        var events = world.Events.ToList();
        var sanDone = events.FindIndex(e => e.Phase == "k3s: tls-san" && e.Kind == ProvisionEventKind.PhaseCompleted);
        var joinStart = events.FindIndex(e => e.Phase == "k3s: masters" && e.Kind == ProvisionEventKind.PhaseStarted);
        Assert.InRange(sanDone, 0, joinStart - 1);
        Assert.Contains(events, e => e.Phase == "k3s: tls-san" && e.Message.Contains($"san-master-1: certificate SANs {firstPublic} -> {lbIp}, {firstPublic}", StringComparison.Ordinal));

        // Again: nothing restarts, nothing changes in the cloud.
        world.Hetzner.Requests.Clear();
        world.Events.Clear();
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Equal(2, first.K3sInvocations.Count);
        Assert.Single(world.Host("san-master-2").K3sInvocations);
        Assert.DoesNotContain(world.Events, e => e.Phase == "k3s: tls-san");

        // The kubeconfig `up` hands out (here read back without the test's API override) points at the LB.
        var connected = await new ClusterProvisioner(world.Options(o => o with { ApiServerOverride = null })).ConnectAsync(cluster);
        Assert.Contains($"server: https://{lbIp}:6443", connected!.Kubeconfig, StringComparison.Ordinal);
        Assert.DoesNotContain($"server: https://{firstPublic}:6443", connected.Kubeconfig, StringComparison.Ordinal);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=san"));
    }
}

using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// The API address changes (1 to 3 masters, a new load balancer): masters' certificates get the new address, k3s
/// restarting on one master at a time, each Ready before the next.
/// </summary>
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

    [SshHostFact]
    public async Task A_new_load_balancer_address_restarts_the_masters_one_at_a_time_each_Ready_again_before_the_next()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("rsn", 3);
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        var state = world.Hetzner!.State;
        var oldLb = Assert.Single(state.LoadBalancers);

        // Someone deleted the API load balancer: the next up makes a new one, whose address no master's certificate has.
        using (var http = new HttpClient())
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{world.Hetzner.BaseUrl}/load_balancers/{oldLb.Id}");
            delete.Headers.Authorization = new("Bearer", world.Hetzner.Options.Token);
            (await http.SendAsync(delete)).EnsureSuccessStatusCode();
        }

        // A restarted node is Ready again only a while after its k3s is back (longer than the next restart takes to
        // begin over SSH), so an `up` that did not wait would be seen.
        var startup = TimeSpan.FromSeconds(1);
        world.Kubelet.ReadyDelay = startup;
        var from = DateTimeOffset.UtcNow;
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        var lbIp = Assert.Single(state.LoadBalancers).PublicNet.Ipv4.Ip!;
        Assert.NotEqual(oldLb.PublicNet.Ipv4.Ip, lbIp);

        string[] masters = ["rsn-master-1", "rsn-master-2", "rsn-master-3"];
        var restarts = masters.Select(m =>
        {
            var calls = world.Host(m).K3sInvocations;
            Assert.Equal(2, calls.Count);
            Assert.Contains(lbIp, calls[^1].Flags("--tls-san"));
            return calls[^1];
        }).ToList();
        Assert.Equal(["rsn-master-1", "rsn-master-2", "rsn-master-3"], world.ReadyNodes());

        var events = world.Kubelet.Events.Where(e => e.At >= from).ToList();
        for (var i = 0; i < masters.Length; i++)
        {
            // The restart made the node NotReady (before the restart could go on) and it was Ready again a moment later.
            var restart = events.FindIndex(e => e.Node == masters[i] && e.What == "restart");
            var notReady = events.FindIndex(restart + 1, e => e.Node == masters[i] && e.What == "NotReady");
            var ready = events.FindIndex(notReady + 1, e => e.Node == masters[i] && e.What == "Ready");
            Assert.True(restart >= 0 && notReady > restart && ready > notReady, $"{masters[i]}: restart, NotReady, Ready");
            Assert.Empty(events[restart].Degraded); // the other masters were Ready while this one restarted
            Assert.True(restarts[i].Started < events[notReady].At && events[ready].At - events[notReady].At >= startup);
            if (i + 1 < masters.Length)
            {
                // The next master's k3s restart began only after this one was Ready again: one master down at a time.
                Assert.True(restarts[i + 1].Started > events[ready].At, $"{masters[i + 1]} restarted after {masters[i]} was Ready again");
            }
        }

        Assert.Contains(world.Events, e => e.Phase == "k3s: tls-san" && e.Message.Contains("rsn-master-1, rsn-master-2, rsn-master-3 one at a time", StringComparison.Ordinal));

        // Every unit now has the new address (what the next `up` compares; that it then restarts nothing is the test above).
        foreach (var master in masters)
        {
            Assert.Contains($"'--tls-san' '{lbIp}'", await world.Host(master).ReadFileAsync("/etc/systemd/system/k3s.service"), StringComparison.Ordinal);
        }
    }
}

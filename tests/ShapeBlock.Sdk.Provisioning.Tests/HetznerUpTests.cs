using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary><c>up</c> → <c>up</c> → <c>destroy</c> on the fake Hetzner cloud with real SSH hosts running the stub k3s.</summary>
public sealed class HetznerUpTests
{
    [SshHostFact]
    public async Task Up_creates_servers_installs_k3s_is_idempotent_and_destroy_removes_everything()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("prod", 1, ("workers", 2));
        cluster.Args.NodePools[0].Labels["tier"] = "web";
        cluster.Args.NodePools[0].Taints.Add(new Model.NodeTaint("dedicated", "web"));
        var provisioner = new ClusterProvisioner(world.Options());

        var result = await provisioner.UpAsync(cluster, world.Progress);

        Assert.Equal(["prod-master-1", "prod-workers-1", "prod-workers-2"], world.ReadyNodes());
        var state = world.Hetzner!.State;
        Assert.Equal(3, state.Servers.Count);
        Assert.All(state.Servers, s => Assert.Equal("prod", s.Labels["shapeblock.io/cluster"]));
        Assert.Single(state.Networks);
        Assert.Single(state.Firewalls);
        Assert.Single(state.SshKeys);
        Assert.Single(state.PlacementGroups);
        Assert.Empty(state.LoadBalancers);

        var master = world.Host("prod-master-1");
        var server = Assert.Single(master.K3sInvocations);
        Assert.Equal("server", server.Arguments[0]);
        Assert.True(server.Has("--cluster-init"));
        Assert.Equal(master.Address, server.Flag("--tls-san"));
        var masterServer = state.Servers.Single(s => s.Name == "prod-master-1");
        Assert.Equal(masterServer.PrivateNet.Single().Ip, server.Flag("--node-ip"));
        Assert.Equal(PlatformVersions.K3s, server.Environment["INSTALL_K3S_VERSION"]);
        Assert.Contains("traefik", server.Flags("--disable"));

        foreach (var name in new[] { "prod-workers-1", "prod-workers-2" })
        {
            var agent = Assert.Single(world.Host(name).K3sInvocations);
            Assert.Equal("agent", agent.Arguments[0]);
            Assert.Equal($"https://{masterServer.PrivateNet.Single().Ip}:6443", agent.Environment["K3S_URL"]);
            Assert.Equal(server.Environment["K3S_TOKEN"], agent.Environment["K3S_TOKEN"]);
            Assert.Contains("shapeblock.io/pool=workers", agent.Flags("--node-label"));
            Assert.Contains("tier=web", agent.Flags("--node-label"));
            Assert.Contains("dedicated=web:NoSchedule", agent.Flags("--node-taint"));
        }

        Assert.Equal($"https://{master.Address}:6443", result.ApiEndpoint);
        Assert.Contains(world.Kubernetes.BaseUri.GetLeftPart(UriPartial.Authority), result.Kubeconfig, StringComparison.Ordinal);
        Assert.Equal(3, result.Nodes.Count);
        foreach (var phase in new[] { "cloud: servers", "ssh: preflight", "k3s: first master", "k3s: workers", "kubernetes: nodes ready" })
        {
            Assert.Contains(world.Events, e => e.Phase == phase && e.Kind == ProvisionEventKind.PhaseCompleted && e.Elapsed > TimeSpan.Zero);
        }

        Assert.Contains(master.Address, File.ReadAllText(world.KnownHostsPath), StringComparison.Ordinal);

        // Second up: nothing changed, so no mutating call and no k3s run; the token and kubeconfig come from the master.
        world.Hetzner.Requests.Clear();
        var again = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Single(master.K3sInvocations);
        Assert.Equal(result.ApiEndpoint, again.ApiEndpoint);

        var destroyer = new ClusterProvisioner(world.Options());
        await destroyer.DestroyAsync(cluster, world.Progress);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=prod"));
        Assert.Empty(world.AllHosts);
        Assert.DoesNotContain(master.Address, File.ReadAllText(world.KnownHostsPath), StringComparison.Ordinal);

        // Destroy again: nothing left, nothing to do.
        world.Hetzner.Requests.Clear();
        await destroyer.DestroyAsync(cluster, world.Progress);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Empty(world.Kubelet.Errors);
    }
}

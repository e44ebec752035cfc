using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// <c>--flannel-iface</c> is the interface that carries the node's private address on that host, read over SSH
/// (<c>ip -o -4 addr</c>) from the real interfaces of each host's network namespace; none is a clear refusal.
/// </summary>
public sealed class FlannelInterfaceTests
{
    [SshHostFact]
    public async Task Each_server_gets_the_interface_of_its_private_address()
    {
        await using var world = await World.CreateAsync();
        // Older Hetzner types name the private interface ens10, current ones enp7s0: both in one cluster.
        world.PrivateInterfaceFor = name => name == "fl-master-1" ? "ens10" : "enp7s0";
        var cluster = world.HetznerCluster("fl", 1, ("workers", 1));

        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        var state = world.Hetzner!.State;
        var master = Assert.Single(world.Host("fl-master-1").K3sInvocations);
        Assert.Equal("ens10", master.Flag("--flannel-iface"));
        Assert.Equal(state.Servers.Single(s => s.Name == "fl-master-1").PrivateNet.Single().Ip, master.Flag("--node-ip"));
        var worker = Assert.Single(world.Host("fl-workers-1").K3sInvocations);
        Assert.Equal("enp7s0", worker.Flag("--flannel-iface"));
        Assert.Equal(state.Servers.Single(s => s.Name == "fl-workers-1").PrivateNet.Single().Ip, worker.Flag("--node-ip"));

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
    }

    [SshHostFact]
    public async Task A_server_without_its_private_address_is_refused_naming_the_host_and_the_fix()
    {
        await using var world = await World.CreateAsync();
        world.PrivateInterfaceFor = name => name == "nf-workers-1" ? null : "enp7s0";
        var cluster = world.HetznerCluster("nf", 1, ("workers", 1));

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));

        var worker = world.Hetzner!.State.Servers.Single(s => s.Name == "nf-workers-1");
        Assert.Contains($"root@{worker.PublicNet.Ipv4!.Ip}:22 (nf-workers-1)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"no network interface has the private address {worker.PrivateNet.Single().Ip}", error.Message, StringComparison.Ordinal);
        Assert.Contains("attached to nf-network", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nf-master-1", error.Message, StringComparison.Ordinal);
        // Refused in preflight: nothing was installed anywhere.
        Assert.All(world.AllHosts, h => Assert.Empty(h.K3sInvocations));

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, world.Hetzner.State.CountLabelled("shapeblock.io/cluster=nf"));
    }

    [SshHostFact]
    public async Task Ssh_machines_use_the_interface_of_their_private_address_and_refuse_one_they_do_not_have()
    {
        await using var world = await World.CreateAsync();
        var kubeconfig = Testing.Kubernetes.Kubeconfig.Render(world.Kubernetes.BaseUri);
        var master = await world.Hosts.CreateHostAsync(new SshHostOptions
        {
            Mode = SshHostMode.Namespace, Name = "lan-master", Kubeconfig = kubeconfig, MemoryMiB = 4096,
            Interfaces = [new SshHostInterface("lan0", "192.168.77.10/24")],
        });
        world.AddMachine(master);
        var machines = new SshMachines { PrivateKey = Secret.FromFile(world.Hosts.ClientKey.PrivateKeyPath) };
        var host = new Model.SshHost(master.Address) { PrivateAddress = "192.168.77.11" };
        machines.Masters.Add(host);
        var cluster = new Cluster("lan", new ClusterArgs { Provider = machines, K3sInstallScriptUrl = world.Hosts.InstallScriptUrl });

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));
        Assert.Contains(master.Address, error.Message, StringComparison.Ordinal);
        Assert.Contains("192.168.77.11", error.Message, StringComparison.Ordinal);
        Assert.Contains("lan0 192.168.77.10", error.Message, StringComparison.Ordinal);
        Assert.Contains("set PrivateAddress", error.Message, StringComparison.Ordinal);
        Assert.Empty(master.K3sInvocations);

        host.PrivateAddress = "192.168.77.10";
        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        var server = Assert.Single(master.K3sInvocations);
        Assert.Equal("lan0", server.Flag("--flannel-iface"));
        Assert.Equal("192.168.77.10", server.Flag("--node-ip"));
    }
}

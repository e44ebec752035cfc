using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Ssh;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>Your own machines over SSH: host-key trust on first use, install, scale down, uninstall on destroy.</summary>
public sealed class SshMachinesTests
{
    [SshHostFact(SshHostMode.Loopback)]
    public async Task Machines_get_k3s_a_changed_host_key_is_refused_and_destroy_uninstalls()
    {
        await using var world = await World.CreateAsync();
        var kubeconfig = Testing.Kubernetes.Kubeconfig.Render(world.Kubernetes.BaseUri);
        var master = await world.Hosts.CreateHostAsync(new SshHostOptions { Name = "own-master", Kubeconfig = kubeconfig, MemoryMiB = 4096 });
        var worker = await world.Hosts.CreateHostAsync(new SshHostOptions { Name = "own-worker", MemoryMiB = 4096 });
        world.AddMachine(master);
        world.AddMachine(worker);
        var machines = new SshMachines { PrivateKey = Secret.FromFile(world.Hosts.ClientKey.PrivateKeyPath), ApiEndpoint = "k8s.example.com", PrivateInterface = "eth1" };
        machines.Masters.Add(new Model.SshHost(master.Address) { Port = master.Port, PrivateAddress = "10.99.0.1" });
        machines.Workers.Add(new Model.SshHost(worker.Address) { Port = worker.Port, PrivateAddress = "10.99.0.2", Pool = "edge", Labels = { ["zone"] = "a" } });
        var cluster = new Cluster("own", new ClusterArgs { Provider = machines, K3sInstallScriptUrl = world.Hosts.InstallScriptUrl });

        // A key recorded earlier that the machine no longer shows: refused before anything runs.
        File.WriteAllText(world.KnownHostsPath, $"[{master.Address}]:{master.Port} ssh-ed25519 SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        var mismatch = await Assert.ThrowsAsync<HostKeyMismatchException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));
        Assert.Contains($"{master.Address}:{master.Port}", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(world.KnownHostsPath, mismatch.Message, StringComparison.Ordinal);
        Assert.Empty(master.K3sInvocations);

        File.Delete(world.KnownHostsPath);
        var result = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(["own-edge-1", "own-master-1"], world.ReadyNodes());
        Assert.Equal("https://k8s.example.com:6443", result.ApiEndpoint);
        var known = File.ReadAllText(world.KnownHostsPath);
        Assert.Contains($"[{master.Address}]:{master.Port} ssh-ed25519 SHA256:{master.HostKeySha256}", known, StringComparison.Ordinal);
        Assert.Contains($"SHA256:{worker.HostKeySha256}", known, StringComparison.Ordinal);

        var server = Assert.Single(master.K3sInvocations);
        Assert.Equal("10.99.0.1", server.Flag("--node-ip"));
        Assert.Equal("k8s.example.com", server.Flag("--tls-san"));
        Assert.Equal("eth1", server.Flag("--flannel-iface"));
        var agent = Assert.Single(worker.K3sInvocations);
        Assert.Equal("https://10.99.0.1:6443", agent.Environment["K3S_URL"]);
        Assert.Contains("zone=a", agent.Flags("--node-label"));
        Assert.Contains("shapeblock.io/pool=edge", agent.Flags("--node-label"));

        // The worker leaves the list: its node is drained and removed; the machine is the user's, so k3s stays there.
        machines.Workers.Clear();
        var smaller = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(["own-master-1"], world.ReadyNodes());
        Assert.Contains(smaller.Warnings, w => w.Contains("own-edge-1", StringComparison.Ordinal));
        Assert.Single(master.K3sInvocations);

        machines.Workers.Add(new Model.SshHost(worker.Address) { Port = worker.Port, PrivateAddress = "10.99.0.2", Pool = "edge" });
        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster, world.Progress);
        Assert.Null(await master.ReadFileAsync("/etc/systemd/system/k3s.service"));
        Assert.Null(await worker.ReadFileAsync("/etc/systemd/system/k3s-agent.service"));
        Assert.Null(await master.ReadFileAsync("/var/lib/rancher/k3s/server/token"));

        // Again: nothing installed any more, nothing to do, no error.
        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster, world.Progress);
    }
}

using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// SSH machines with <c>UseAgent</c> log in through a real <c>ssh-agent</c>: the agent signs (RSA with
/// <c>rsa-sha2-*</c>, ed25519) and the provisioner never holds the private key.
/// </summary>
public sealed class SshAgentTests
{
    [SshHostFact]
    public async Task Machines_log_in_through_a_real_ssh_agent_with_rsa_and_ed25519_keys()
    {
        await using var world = await World.CreateAsync();
        var rsa = await world.Hosts.GenerateKeyPairAsync("agent-rsa", SshKeyType.Rsa);
        var stranger = await world.Hosts.GenerateKeyPairAsync("agent-stranger");
        var kubeconfig = Testing.Kubernetes.Kubeconfig.Render(world.Kubernetes.BaseUri);
        var master = await world.Hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, Name = "ag-master", Kubeconfig = kubeconfig, MemoryMiB = 4096, AuthorizedKeys = [rsa.PublicKey] });
        var worker = await world.Hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, Name = "ag-worker", MemoryMiB = 4096, AuthorizedKeys = [rsa.PublicKey] });
        world.AddMachine(master);
        world.AddMachine(worker);
        var machines = new SshMachines();
        machines.Masters.Add(new Model.SshHost(master.Address) { UseAgent = true });
        machines.Workers.Add(new Model.SshHost(worker.Address) { UseAgent = true });
        var cluster = new Cluster("ag", new ClusterArgs { Provider = machines, K3sInstallScriptUrl = world.Hosts.InstallScriptUrl });
        await using var agent = await SshAgentProcess.StartAsync();
        var options = world.Options(o => o with { SshAgentSocket = agent.SocketPath });

        // No agent at all, an empty agent, an agent whose key no host accepts: each refused with the fix.
        var unset = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options(o => o with { SshAgentSocket = "" })).UpAsync(cluster));
        Assert.Contains("SSH_AUTH_SOCK", unset.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(options).UpAsync(cluster));
        Assert.Contains("holds no keys", empty.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-add", empty.Message, StringComparison.Ordinal);
        await agent.AddAsync(stranger.PrivateKeyPath);
        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(options).UpAsync(cluster));
        Assert.Contains("was refused", refused.Message, StringComparison.Ordinal);
        Assert.Contains(agent.SocketPath, refused.Message, StringComparison.Ordinal);
        Assert.Empty(master.K3sInvocations);

        // RSA only: the install logs in with the RSA key, signed by the agent with SHA-2.
        await agent.RemoveAllAsync();
        await agent.AddAsync(rsa.PrivateKeyPath);
        await new ClusterProvisioner(options).UpAsync(cluster, world.Progress);
        Assert.Equal(["ag-master-1", "ag-workers-1"], world.ReadyNodes());
        Assert.Single(master.K3sInvocations);
        Assert.Single(worker.K3sInvocations);
        var log = await File.ReadAllTextAsync(master.LogPath);
        Assert.Contains($"Accepted publickey for root from", log, StringComparison.Ordinal);
        Assert.Contains($"RSA SHA256:{rsa.Sha256Fingerprint}", log, StringComparison.Ordinal);

        // ed25519 only: up again logs in with it (and changes nothing).
        await agent.RemoveAllAsync();
        await agent.AddAsync(world.Hosts.ClientKey.PrivateKeyPath);
        await new ClusterProvisioner(options).UpAsync(cluster, world.Progress);
        Assert.Single(master.K3sInvocations);
        log = await File.ReadAllTextAsync(master.LogPath);
        Assert.Contains($"ED25519 SHA256:{world.Hosts.ClientKey.Sha256Fingerprint}", log, StringComparison.Ordinal);

        // The key material never went through the provisioner's output.
        var transcript = world.Transcript() + unset.Message + empty.Message + refused.Message;
        foreach (var key in new[] { rsa, world.Hosts.ClientKey, stranger })
        {
            foreach (var line in key.PrivateKey.Split('\n').Where(l => l.Length >= 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(line, transcript, StringComparison.Ordinal);
            }
        }

        await new ClusterProvisioner(options).DestroyAsync(cluster);
        Assert.Null(await master.ReadFileAsync("/etc/systemd/system/k3s.service"));
    }
}

using Xunit.Abstractions;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>SSH faults: a connection dropped mid-install, a wrong key, hosts with too little memory; no secret in any output.</summary>
public sealed class SshFaultTests(ITestOutputHelper output)
{
    [SshHostFact]
    public async Task A_connection_dropped_mid_install_fails_and_the_next_up_completes_without_leaking_secrets()
    {
        await using var world = await World.CreateAsync();
        world.OnHost = host =>
        {
            if (host.Name == "drop-master-1")
            {
                host.SetK3sDelay(TimeSpan.FromSeconds(30));
            }
        };
        var cluster = world.HetznerCluster("drop", 1, ("workers", 1));
        var messages = new List<string>();

        var up = new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        await Eventually.Until(() => world.AllHosts.Any(h => h.Name == "drop-master-1" && h.K3sInvocations.Count > 0), "k3s server started on drop-master-1");
        Assert.True(world.Host("drop-master-1").DropConnections() > 0);
        var error = await Assert.ThrowsAnyAsync<ProvisioningException>(() => up);
        messages.Add(error.ToString());
        output.WriteLine($"first up: {error.GetType().Name}: {error.Message}");
        Assert.Contains("drop-master-1", error.Message, StringComparison.Ordinal);
        Assert.Empty(world.ReadyNodes()); // the worker cannot join a server that never came up

        world.Host("drop-master-1").SetK3sDelay(TimeSpan.Zero);
        var result = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        Assert.Equal(["drop-master-1", "drop-workers-1"], world.ReadyNodes());

        output.WriteLine(world.Transcript());
        var k3sToken = (await world.Host("drop-master-1").ReadFileAsync("/var/lib/rancher/k3s/server/token"))!.Trim();
        Assert.True(k3sToken.Length > 10);
        var transcript = world.Transcript() + string.Join('\n', messages) + result;
        Assert.DoesNotContain(k3sToken, transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Hetzner!.Options.Token, transcript, StringComparison.Ordinal);
        foreach (var line in world.Hosts.ClientKey.PrivateKey.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, transcript, StringComparison.Ordinal);
        }

        // The token reached k3s through the environment only: the recorded value is its hash, never clear text on a command line.
        var invocations = world.Host("drop-master-1").K3sInvocations;
        output.WriteLine(string.Join('\n', invocations.Select(i => $"{i.Sequence}: {string.Join(' ', i.Arguments.Take(3))} env={string.Join(',', i.Environment.Keys)}")));
        var install = invocations.Last(i => i.Arguments.FirstOrDefault() == "server");
        Assert.StartsWith("sha256:", install.Environment["K3S_TOKEN"], StringComparison.Ordinal);
        Assert.DoesNotContain(install.Arguments, a => a.Contains(k3sToken, StringComparison.Ordinal));
    }

    [SshHostFact]
    public async Task A_wrong_ssh_key_is_refused_with_the_host_and_the_fix()
    {
        await using var world = await World.CreateAsync();
        var other = await world.Hosts.GenerateKeyPairAsync("other");
        var cluster = world.HetznerCluster("key", 1);
        ((Model.HetznerProvider)cluster.Args.Provider!).SshPrivateKey = Secret.FromFile(other.PrivateKeyPath);

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));

        Assert.Contains("key-master-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("not accepted", error.Message, StringComparison.Ordinal);
        Assert.Contains("authorized_keys", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(other.PrivateKey.Split('\n')[1], error.ToString(), StringComparison.Ordinal);
        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
    }

    [SshHostFact]
    public async Task A_1_GB_host_is_refused_and_a_3_GB_host_is_warned_about()
    {
        await using var world = await World.CreateAsync();
        world.MemoryFor = name => name.StartsWith("tiny", StringComparison.Ordinal) ? 1024 : name.StartsWith("small", StringComparison.Ordinal) ? 3072 : null;

        var tiny = world.HetznerCluster("tiny", 1, ("workers", 1));
        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(tiny, world.Progress));
        Assert.Contains("tiny-master-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("tiny-workers-1", error.Message, StringComparison.Ordinal); // every refused host at once
        Assert.Contains("1024 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", error.Message, StringComparison.Ordinal);
        Assert.Empty(world.Host("tiny-master-1").K3sInvocations);
        Assert.Empty(world.Host("tiny-workers-1").K3sInvocations);

        var small = world.HetznerCluster("small", 1);
        var result = await new ClusterProvisioner(world.Options()).UpAsync(small, world.Progress);
        var warning = Assert.Single(result.Warnings, w => w.Contains("3072 MiB", StringComparison.Ordinal));
        Assert.Contains("small-master-1", warning, StringComparison.Ordinal);
        Assert.Contains(world.Events, e => e.Kind == ProvisionEventKind.Warning && e.Message.Contains("3072 MiB", StringComparison.Ordinal));
        Assert.Contains("small-master-1", world.ReadyNodes());
    }
}

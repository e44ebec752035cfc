using ShapeBlock.Sdk.Provisioning.Tests.Harness;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary><see cref="ClusterProvisioner.ConnectAsync"/>: read-only connection to a cluster that exists, null before it does.</summary>
public sealed class ConnectTests
{
    [SshHostFact]
    public async Task Connect_is_null_before_up_then_recovers_the_kubeconfig_with_only_reading_calls()
    {
        await using var world = await World.CreateAsync();
        var cluster = world.HetznerCluster("conn", 1, ("workers", 1));

        Assert.Null(await new ClusterProvisioner(world.Options()).ConnectAsync(cluster, world.Progress));
        Assert.NotEmpty(world.Hetzner!.Requests.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Empty(world.Hetzner.State.SshKeys);

        var up = await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);
        world.Hetzner.Requests.Clear();

        var found = await new ClusterProvisioner(world.Options()).ConnectAsync(cluster, world.Progress);

        Assert.NotNull(found);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Equal(up.ApiEndpoint, found.ApiEndpoint);
        Assert.Equal(up.Kubeconfig, found.Kubeconfig);
        Assert.Equal(up.Nodes.Select(n => (n.Name, n.Role, n.PrivateAddress)), found.Nodes.Select(n => (n.Name, n.Role, n.PrivateAddress)));
        Assert.Single(world.Host("conn-master-1").K3sInvocations);
        Assert.Contains(world.Events, e => e.Phase == "k3s: recover" && e.Message == "kubeconfig read from conn-master-1");
        Assert.DoesNotContain(world.Hetzner.Options.Token, world.Transcript(), StringComparison.Ordinal);
    }
}

using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Clouds;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>Cloud faults: rate-limit bursts, 5xx, a server stuck initializing; destroy after a half-finished up.</summary>
public sealed class CloudFaultTests
{
    [SshHostFact]
    public async Task A_429_burst_and_5xx_answers_are_retried_honouring_Retry_After()
    {
        await using var world = await World.CreateAsync();
        var hetzner = world.Hetzner!;
        hetzner.Faults.RateLimit(3, TimeSpan.FromSeconds(1), "POST", "/v1/servers");
        hetzner.Faults.ServerError(2, 503, "GET", "/v1/servers");
        hetzner.Faults.ServerError(1, 500, "POST", "/v1/networks");
        var cluster = world.HetznerCluster("rl", 1);

        await new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress);

        Assert.Equal(["rl-master-1"], world.ReadyNodes());
        var posts = hetzner.Requests.Matching("POST", "/v1/servers").ToList();
        Assert.Equal([429, 429, 429, 201], posts.Select(r => r.Status));
        // Retry-After: 1 was honoured between the rate-limited attempts.
        Assert.True(posts[^1].At - posts[0].At >= TimeSpan.FromSeconds(2.9), $"retries came after {posts[^1].At - posts[0].At}");
        Assert.Equal(2, hetzner.Requests.Matching("GET", "/v1/servers").Count(r => r.Status == 503));
        Assert.Equal(1, hetzner.Requests.Matching("POST", "/v1/networks").Count(r => r.Status == 500));
        Assert.Single(hetzner.State.Networks);
        Assert.Single(hetzner.State.Servers);
        Assert.DoesNotContain(hetzner.Options.Token, world.Transcript(), StringComparison.Ordinal);

        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, hetzner.State.CountLabelled("shapeblock.io/cluster=rl"));
    }

    [SshHostFact]
    public async Task A_server_stuck_initializing_fails_with_a_clear_error_and_destroy_leaves_nothing()
    {
        await using var world = await World.CreateAsync();
        var hetzner = world.Hetzner!;
        hetzner.Options.CreateOutcome = info => info.Name.EndsWith("-2", StringComparison.Ordinal) ? ActionOutcome.Hang : ActionOutcome.Succeed;
        var cluster = world.HetznerCluster("stuck", 1, ("workers", 2));
        // Long enough for the healthy servers' hosts (namespace, veths, sshd) to come up on a loaded machine.
        var options = world.Options(o => o with { ServerReadyTimeout = TimeSpan.FromSeconds(6) });

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(options).UpAsync(cluster, world.Progress));

        Assert.Contains("stuck-workers-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("still 'initializing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("run up again", error.Message, StringComparison.Ordinal);
        Assert.True(hetzner.State.CountLabelled("shapeblock.io/cluster=stuck") > 0);

        // Half-finished: servers, network, firewall, placement group and key exist. Destroy removes all of it.
        await new ClusterProvisioner(options).DestroyAsync(cluster, world.Progress);
        Assert.Equal(0, hetzner.State.CountLabelled("shapeblock.io/cluster=stuck"));
        Assert.Empty(hetzner.State.Servers);
        Assert.Empty(world.AllHosts);
    }

    [SshHostFact]
    public async Task A_failed_create_action_is_reported_with_the_server_and_the_fix()
    {
        await using var world = await World.CreateAsync();
        var hetzner = world.Hetzner!;
        hetzner.Options.CreateOutcome = _ => ActionOutcome.Fail;
        var cluster = world.HetznerCluster("fail", 1);

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => new ClusterProvisioner(world.Options()).UpAsync(cluster, world.Progress));

        Assert.Contains("could not create server fail-master-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", error.Message, StringComparison.Ordinal);
        await new ClusterProvisioner(world.Options()).DestroyAsync(cluster);
        Assert.Equal(0, hetzner.State.CountLabelled("shapeblock.io/cluster=fail"));
    }

    [SshHostFact]
    public async Task A_cloud_that_keeps_failing_ends_with_the_call_and_status_but_never_the_token()
    {
        await using var world = await World.CreateAsync();
        var hetzner = world.Hetzner!;
        hetzner.Faults.ServerError(100, 503, "GET", "/v1/servers");
        var cluster = world.HetznerCluster("down", 1);
        var options = world.Options(o => o with { Retry = o.Retry with { MaxRetries = 2 } });

        var error = await Assert.ThrowsAsync<Http.CloudApiException>(() => new ClusterProvisioner(options).UpAsync(cluster, world.Progress));

        Assert.Equal(503, error.Status);
        Assert.Contains("GET servers", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, hetzner.Requests.Matching("GET", "/v1/servers").Count);
        Assert.DoesNotContain(hetzner.Options.Token, error.ToString(), StringComparison.Ordinal);
        hetzner.Faults.Clear();
    }
}

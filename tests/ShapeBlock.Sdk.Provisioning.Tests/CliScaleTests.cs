using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// Changing pool counts in the program and running <c>up</c> again scales the cluster through the CLI: a new worker
/// is created and joined (nothing else reinstalled); dropping masters below quorum is refused with nothing changed
/// until <c>up --force</c>, which also finishes a drain a PodDisruptionBudget blocks and removes the API load
/// balancer once one master is left.
/// </summary>
public sealed class CliScaleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string TokenVariable = "HCLOUD_TOKEN";

    [SshHostFact]
    public async Task Pool_counts_scale_up_and_down_through_the_cli_and_quorum_needs_force()
    {
        await using var world = await World.CreateAsync(kubernetesOptions: new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var masters = 3;
        var workers = 1;
        void Define(Stack stack)
        {
            var cluster = world.HetznerCluster("sc", masters, ("workers", workers));
            ((HetznerProvider)cluster.Args.Provider!).Token = Secret.FromEnvironment(TokenVariable);
            cluster.Args.Addons.BaseDomain = "apps.example.com";
            stack.Add(cluster);
        }

        async Task<(int Code, string All)> Run(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var host = new ProgramHost(stdout, stderr, false, new SecretResolver(name => name == TokenVariable ? world.Hetzner!.Options.Token : null, world.Directory))
            {
                Connectors = [new ProvisionedClusterConnector(world.Options(o => o with { DrainTimeout = TimeSpan.FromSeconds(1) }))],
                Engine = TestEngine.Options(TimeSpan.FromSeconds(20)),
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var started = System.Diagnostics.Stopwatch.StartNew();
            var code = await ShapeBlockProgram.RunAsync(args, Define, host, timeout.Token);
            output.WriteLine($"$ {string.Join(' ', args)} → {code} in {started.Elapsed.TotalSeconds:F1} s\n{stdout}\n{stderr}");
            return (code, stdout + "\n" + stderr);
        }

        var up = await Run("up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);
        var state = world.Hetzner!.State;
        Assert.Equal(["sc-master-1", "sc-master-2", "sc-master-3", "sc-workers-1"], world.ReadyNodes());
        Assert.Single(state.LoadBalancers);

        // Up: one more worker is created and joined; the machines that were there are not touched.
        workers = 2;
        up = await Run("up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);
        Assert.Equal(["sc-master-1", "sc-master-2", "sc-master-3", "sc-workers-1", "sc-workers-2"], world.ReadyNodes());
        Assert.All(world.AllHosts, h => Assert.Single(h.K3sInvocations));
        Assert.NotNull(world.Host("sc-workers-2").K3sInvocations.Single().Environment.GetValueOrDefault("K3S_URL"));

        // A pod on the worker that will go, protected by a budget that allows no disruption.
        await world.AddGuardedPodAsync("sc-workers-2");

        // Down to 1 master and 1 worker: 3 → 1 masters breaks etcd's quorum, refused before any change.
        masters = 1;
        workers = 1;
        world.Hetzner.Requests.Clear();
        var refused = await Run("up", "--yes", "--no-wait");
        Assert.Equal(ExitCodes.ApplyFailed, refused.Code);
        Assert.Contains("quorum", refused.All, StringComparison.Ordinal);
        Assert.Contains("up --force", refused.All, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Equal(5, state.Servers.Count);

        // --force: the blocked drain is finished with a warning, the extra masters and worker go, and so does the LB.
        var forced = await Run("up", "--yes", "--no-wait", "--force");
        Assert.True(forced.Code == ExitCodes.Ok, forced.All);
        Assert.Equal(["sc-master-1", "sc-workers-1"], state.Servers.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["sc-master-1", "sc-workers-1"], world.ReadyNodes());
        Assert.Empty(state.LoadBalancers);
        Assert.Contains("default/db-0 could not be evicted", forced.All, StringComparison.Ordinal);
        Assert.Equal(2, world.AllHosts.Count);

        // Nothing to do now.
        world.Hetzner.Requests.Clear();
        var again = await Run("up", "--yes", "--no-wait");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);

        var destroy = await Run("destroy", "--yes");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=sc"));
        Assert.Empty(world.Kubelet.Errors);
    }
}

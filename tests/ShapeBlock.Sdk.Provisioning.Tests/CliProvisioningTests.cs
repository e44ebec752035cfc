using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// The CLI (<see cref="ShapeBlockProgram.RunAsync(string[], Action{Stack}, ProgramHost, CancellationToken)"/>) on a
/// Hetzner cluster: <c>up</c> creates the servers on the fake cloud, installs the stub k3s on real sshd hosts and
/// applies the platform to the in-memory API server the recovered kubeconfig points at; a second <c>up</c> changes
/// nothing anywhere; <c>destroy</c> leaves nothing labelled with the cluster.
/// </summary>
public sealed class CliProvisioningTests
{
    private const string TokenVariable = "HCLOUD_TOKEN";

    [SshHostFact]
    public async Task Up_up_destroy_through_the_cli_on_the_fake_hetzner_cloud()
    {
        await using var world = await World.CreateAsync(kubernetesOptions: new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var run = new CliRun(world);

        // Before anything exists, status says so (and creates nothing).
        var status = await run.RunAsync("status");
        Assert.Equal(ExitCodes.ApplyFailed, status.Code);
        Assert.Contains("cluster 'prod' (hetzner fsn1) has not been created yet", status.Error, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner!.Requests.MutatingCount);

        var up = await run.RunAsync("up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);
        var state = world.Hetzner.State;
        Assert.Equal(["prod-master-1", "prod-workers-1"], state.Servers.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["prod-master-1", "prod-workers-1"], world.ReadyNodes());
        foreach (var phase in new[] { "cloud: servers", "k3s: first master", "k3s: workers", "kubernetes: nodes ready" })
        {
            Assert.Contains($"[{phase}]", up.Out, StringComparison.Ordinal);
        }

        // Every Kubernetes object of the plan is now in the API server the kubeconfig from the master points at.
        var plan = Planner.Create(run.Stack());
        var objects = plan.Steps.Where(s => s.Kind == StepKind.Kubernetes).SelectMany(s => s.Objects).ToList();
        Assert.True(objects.Count > 20, $"only {objects.Count} objects in the plan");
        var missing = objects.Where(o => world.Kubernetes.Get(o.ApiVersion, o.Kind, o.Namespace, o.Name) is null).Select(o => o.Key).ToList();
        Assert.Empty(missing);

        // status and kubeconfig connect without creating anything.
        world.Hetzner.Requests.Clear();
        status = await run.RunAsync("status");
        Assert.True(status.Code == ExitCodes.Ok, status.All);
        Assert.Contains("prod-workers-1", status.Out, StringComparison.Ordinal);
        var kubeconfig = await run.RunAsync("kubeconfig");
        Assert.True(kubeconfig.Code == ExitCodes.Ok, kubeconfig.All);
        Assert.Contains(world.Kubernetes.BaseUri.GetLeftPart(UriPartial.Authority), kubeconfig.Out, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);

        // Second up: no mutating call to the cloud, no write to the API server, no k3s run.
        world.Hetzner.Requests.Clear();
        world.Kubernetes.Faults.Requests.Reset();
        var again = await run.RunAsync("up", "--yes", "--no-wait");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Equal(0, world.Kubernetes.Faults.Requests.Writes());
        Assert.Single(world.Host("prod-master-1").K3sInvocations);
        Assert.Contains("Applied: 0 created, 0 updated,", again.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged, 0 deleted.", again.Out, StringComparison.Ordinal);

        // Without --no-wait, up waits for the operator Deployment (made available by the API server's workload simulator).
        var waited = await run.RunAsync("up", "--yes");
        Assert.True(waited.Code == ExitCodes.Ok, waited.All);
        Assert.Contains("✓ prod: operator available", waited.Out, StringComparison.Ordinal);

        var destroy = await run.RunAsync("destroy", "--yes");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Equal(0, state.CountLabelled("shapeblock.io/cluster=prod"));
        Assert.Empty(world.AllHosts);
        Assert.Contains("[destroy]", destroy.Out, StringComparison.Ordinal);

        // Destroy again: nothing left, nothing to do.
        world.Hetzner.Requests.Clear();
        destroy = await run.RunAsync("destroy", "--yes", "--json");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);

        // No token, key or kubeconfig credential in anything shown (the kubeconfig command prints it on purpose).
        var shown = string.Join('\n', run.Outputs);
        Assert.DoesNotContain(world.Hetzner.Options.Token, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("in-memory-token", shown, StringComparison.Ordinal);
        foreach (var line in File.ReadAllLines(world.Hosts.ClientKey.PrivateKeyPath).Where(l => l.Length >= 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, shown, StringComparison.Ordinal);
        }

        Assert.Empty(world.Kubelet.Errors);
    }

    [SshHostFact]
    public async Task Up_without_the_token_exits_5_and_calls_no_cloud()
    {
        await using var world = await World.CreateAsync();
        var run = new CliRun(world) { Environment = new Dictionary<string, string>() };

        var up = await run.RunAsync("up", "--yes", "--no-wait");

        Assert.Equal(ExitCodes.MissingCredentials, up.Code);
        Assert.Contains($"environment variable {TokenVariable}", up.Error, StringComparison.Ordinal);
        Assert.Empty(world.Hetzner!.Requests.All);
    }

    [SshHostFact]
    public async Task Preview_with_credentials_reads_the_cloud_and_shows_everything_to_create_on_a_new_cluster()
    {
        await using var world = await World.CreateAsync();
        var run = new CliRun(world);

        var preview = await run.RunAsync("preview");

        Assert.True(preview.Code == ExitCodes.Ok, preview.All);
        Assert.Contains("+ ", preview.Out, StringComparison.Ordinal);
        Assert.NotEmpty(world.Hetzner!.Requests.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.DoesNotContain(world.Hetzner.Options.Token, preview.All, StringComparison.Ordinal);
    }

    [SshHostFact]
    public async Task A_failed_up_exits_3_naming_the_server_and_destroy_then_leaves_nothing()
    {
        await using var world = await World.CreateAsync();
        world.Hetzner!.Options.CreateOutcome = _ => Testing.Clouds.ActionOutcome.Hang;
        var run = new CliRun(world) { Change = o => o with { ServerReadyTimeout = TimeSpan.FromSeconds(2) } };

        var up = await run.RunAsync("up", "--yes", "--no-wait");

        Assert.Equal(ExitCodes.ApplyFailed, up.Code);
        Assert.Contains("up failed: prod: provisioning failed:", up.Error, StringComparison.Ordinal);
        Assert.Matches("Hetzner server prod-(master|workers)-1 \\([0-9]+\\) is still 'initializing'", up.Error);
        Assert.Contains("run up again", up.All, StringComparison.OrdinalIgnoreCase);
        Assert.True(world.Hetzner.State.CountLabelled("shapeblock.io/cluster=prod") > 0);

        // The API server never came up: destroy needs none, it deletes the machines.
        var destroy = await run.RunAsync("destroy", "--yes");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Equal(0, world.Hetzner.State.CountLabelled("shapeblock.io/cluster=prod"));
        Assert.DoesNotContain(world.Hetzner.Options.Token, up.All + destroy.All, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI with the token in the environment and the provisioning connector aimed at the world.</summary>
    private sealed class CliRun(World world)
    {
        public Dictionary<string, string> Environment { get; init; } = new() { [TokenVariable] = world.Hetzner!.Options.Token };

        public List<string> Outputs { get; } = [];

        public Func<ProvisionOptions, ProvisionOptions>? Change { get; init; }

        public Stack Stack()
        {
            var stack = new Stack("dev");
            Define(stack);
            return stack;
        }

        public void Define(Stack stack)
        {
            var cluster = world.HetznerCluster("prod", 1, ("workers", 1));
            ((HetznerProvider)cluster.Args.Provider!).Token = Secret.FromEnvironment(TokenVariable);
            cluster.Args.Addons.BaseDomain = "apps.example.com";
            stack.Add(cluster);
        }

        public async Task<Result> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var host = new ProgramHost(output, error, false, new SecretResolver(name => Environment.GetValueOrDefault(name), world.Directory))
            {
                Connectors = [new ProvisionedClusterConnector(world.Options(Change))],
                Engine = TestEngine.Options(TimeSpan.FromSeconds(20)),
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
            var code = await ShapeBlockProgram.RunAsync(args, Define, host, timeout.Token);
            var result = new Result(code, output.ToString(), error.ToString());
            if (args[0] != "kubeconfig")
            {
                Outputs.Add(result.All);
            }

            return result;
        }
    }

    private sealed record Result(int Code, string Out, string Error)
    {
        public string All => Out + "\n" + Error;
    }
}

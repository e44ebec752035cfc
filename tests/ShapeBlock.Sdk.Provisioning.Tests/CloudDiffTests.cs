using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Ssh;
using Spectre.Console;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// The cloud part of <c>preview</c>/<c>up</c>'s diff reads the (fake) cloud: after an <c>up</c> everything is unchanged
/// and <c>up</c> without <c>--yes</c> does not ask; a bigger pool creates, a smaller one deletes, changed admin CIDRs
/// update the firewall; without credentials the cloud is "not read", not "create". Also: a provisioned cluster without
/// a base domain gets its first master's public address as <c>${prod.ingress-address}</c>.
/// </summary>
public sealed class CloudDiffTests
{
    [SshHostFact]
    public async Task Hetzner_after_up_the_cloud_shows_unchanged_and_pool_and_firewall_changes_show_as_such()
    {
        await using var world = await World.CreateAsync(kubernetesOptions: new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var run = new Run(world, "hetzner") { Workers = 2 };

        var first = await run.RunAsync("preview");
        Assert.True(first.Code == ExitCodes.Ok, first.All);
        Assert.Contains("+ server prod-master-1", first.Out, StringComparison.Ordinal);

        var up = await run.RunAsync("up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);

        // No base domain: the hosts use the first master's public address.
        var master = world.Hetzner!.State.Servers.Single(s => s.Name == "prod-master-1");
        var address = master.PublicNet.Ipv4!.Ip;
        Assert.Contains($"${{prod.ingress-address}} = {address} (from the first master's public address)", up.Out, StringComparison.Ordinal);
        Assert.Contains($"registry.{address}.nip.io", world.Kubernetes.Get("helm.cattle.io/v1", "HelmChart", "kube-system", "registry")!.ToJsonString(), StringComparison.Ordinal);

        // Everything is unchanged now, the cloud included, and only read.
        world.Hetzner.Requests.Clear();
        var preview = await run.RunAsync("preview");
        Assert.True(preview.Code == ExitCodes.Ok, preview.All);
        Assert.Matches(@"Summary: 0 to create, 0 to update, 0 to replace, 0 to delete, [0-9]+ unchanged\.", preview.Out);
        Assert.Contains("= server prod-workers-2", preview.Out, StringComparison.Ordinal);
        Assert.Contains("= k3s agent on prod-workers-1", preview.Out, StringComparison.Ordinal);
        Assert.NotEmpty(world.Hetzner.Requests.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);

        // up without --yes and without interactive input: nothing differs, so it does not ask (and changes nothing).
        world.Kubernetes.Faults.Requests.Reset();
        var again = await run.RunAsync("up", "--no-wait");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Contains("matches the cluster", again.Out, StringComparison.Ordinal);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.Equal(0, world.Kubernetes.Faults.Requests.Writes());

        // A bigger pool: one server and its k3s agent to create.
        run.Workers = 3;
        var grow = await run.RunAsync("preview");
        Assert.Contains("+ server prod-workers-3", grow.Out, StringComparison.Ordinal);
        Assert.Contains("+ k3s agent on prod-workers-3", grow.Out, StringComparison.Ordinal);
        Assert.Contains("Summary: 2 to create, 0 to update, 0 to replace, 0 to delete,", grow.Out, StringComparison.Ordinal);

        // A smaller pool: the extra server is deleted.
        run.Workers = 1;
        var shrink = await run.RunAsync("preview", "--json");
        Assert.Contains("\"key\":\"hetzner server prod-workers-2\"", shrink.Out, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"delete\"", shrink.Out, StringComparison.Ordinal);
        Assert.Contains("\"delete\":1", shrink.Out, StringComparison.Ordinal);

        // Another server type for the pool: both servers are updated in place (resized), not replaced.
        run.Workers = 2;
        run.WorkerSize = "cx32";
        var resize = await run.RunAsync("preview");
        Assert.Contains("~ server prod-workers-1", resize.Out, StringComparison.Ordinal);
        Assert.Contains("server_type: cx22 → cx32", resize.Out, StringComparison.Ordinal);
        Assert.Contains("Summary: 0 to create, 2 to update, 0 to replace, 0 to delete,", resize.Out, StringComparison.Ordinal);
        run.WorkerSize = null;

        // Narrower admin CIDRs: the firewall is updated, field by field.
        run.AdminCidrs = ["198.51.100.0/24"];
        var firewall = await run.RunAsync("preview");
        Assert.Contains("~ firewall prod-firewall", firewall.Out, StringComparison.Ordinal);
        Assert.Contains("rules[in tcp 22].source_ips: [\"0.0.0.0/0\",\"::/0\"] → [\"198.51.100.0/24\"]", firewall.Out, StringComparison.Ordinal);
        Assert.Contains("Summary: 0 to create, 1 to update,", firewall.Out, StringComparison.Ordinal);

        // Without interactive input, up then refuses to change anything unasked.
        var refused = await run.RunAsync("up", "--no-wait");
        Assert.Equal(ExitCodes.NotConfirmed, refused.Code);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.DoesNotContain(world.Hetzner.Options.Token, string.Join('\n', run.Outputs), StringComparison.Ordinal);
    }

    [SshHostFact]
    public async Task DigitalOcean_after_up_preview_is_unchanged_and_up_does_not_ask()
    {
        await using var world = await World.CreateAsync("digitalocean", new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var run = new Run(world, "digitalocean") { Workers = 1 };

        var up = await run.RunAsync("up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);

        world.DigitalOcean!.Requests.Clear();
        var preview = await run.RunAsync("preview");
        Assert.True(preview.Code == ExitCodes.Ok, preview.All);
        Assert.Matches(@"Summary: 0 to create, 0 to update, 0 to replace, 0 to delete, [0-9]+ unchanged\.", preview.Out);
        Assert.Contains("= droplet prod-workers-1", preview.Out, StringComparison.Ordinal);
        Assert.Equal(0, world.DigitalOcean.Requests.MutatingCount);

        var again = await run.RunAsync("up", "--no-wait");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Equal(0, world.DigitalOcean.Requests.MutatingCount);

        run.Workers = 2;
        var grow = await run.RunAsync("preview");
        Assert.Contains("+ droplet prod-workers-2", grow.Out, StringComparison.Ordinal);
        run.AdminCidrs = ["198.51.100.0/24"];
        run.Workers = 1;
        var firewall = await run.RunAsync("preview");
        Assert.Contains("~ firewall prod-firewall", firewall.Out, StringComparison.Ordinal);
        Assert.Contains("inbound_rules[tcp 22].sources.addresses: 0.0.0.0/0, ::/0 → 198.51.100.0/24", firewall.Out, StringComparison.Ordinal);
    }

    [SshHostFact]
    public async Task Without_the_token_preview_says_the_cloud_was_not_read_instead_of_create()
    {
        await using var world = await World.CreateAsync();
        var run = new Run(world, "hetzner") { Workers = 1, Environment = [] };

        var preview = await run.RunAsync("preview");

        Assert.True(preview.Code == ExitCodes.Ok, preview.All);
        Assert.Contains("credentials are missing", preview.Out, StringComparison.Ordinal);
        Assert.Contains("Cloud resources and k3s installs show as '?' (not read", preview.Out, StringComparison.Ordinal);
        Assert.Contains("? server prod-master-1", preview.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("+ server prod-master-1", preview.Out, StringComparison.Ordinal);
        Assert.Matches(@"unchanged, [0-9]+ not read\.", preview.Out);
        Assert.Empty(world.Hetzner!.Requests.All);
    }

    [SshHostFact(SshHostMode.Loopback)]
    public async Task Ssh_machines_after_up_preview_shows_the_k3s_installs_unchanged_and_up_does_not_ask()
    {
        await using var world = await World.CreateAsync(kubernetesOptions: new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var master = await world.Hosts.CreateHostAsync(new SshHostOptions { Name = "own-master", Kubeconfig = Testing.Kubernetes.Kubeconfig.Render(world.Kubernetes.BaseUri), MemoryMiB = 4096 });
        var worker = await world.Hosts.CreateHostAsync(new SshHostOptions { Name = "own-worker", MemoryMiB = 4096 });
        world.AddMachine(master);
        world.AddMachine(worker);
        var run = new Run(world, "ssh") { Environment = new() { ["SSH_KEY"] = await File.ReadAllTextAsync(world.Hosts.ClientKey.PrivateKeyPath) } };
        run.Machines = stack =>
        {
            // Loopback hosts do not have the private addresses: the interface is named, so it is not looked for.
            var machines = new SshMachines { PrivateKey = Secret.FromEnvironment("SSH_KEY"), PrivateInterface = "eth1" };
            machines.Masters.Add(new Model.SshHost(master.Address) { Port = master.Port, PrivateAddress = "10.99.0.1" });
            machines.Workers.Add(new Model.SshHost(worker.Address) { Port = worker.Port, PrivateAddress = "10.99.0.2" });
            stack.Add(new Cluster("own", new ClusterArgs { Provider = machines, K3sInstallScriptUrl = world.Hosts.InstallScriptUrl, Addons = { BaseDomain = "apps.example.com" } }));
        };

        var before = await run.RunAsync("preview");
        Assert.Contains("+ k3s agent on own-workers-1", before.Out, StringComparison.Ordinal);
        var up = await run.RunAsync("up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);

        var preview = await run.RunAsync("preview");
        Assert.True(preview.Code == ExitCodes.Ok, preview.All);
        Assert.Contains("= k3s agent on own-workers-1", preview.Out, StringComparison.Ordinal);
        Assert.Matches(@"Summary: 0 to create, 0 to update, 0 to replace, 0 to delete, [0-9]+ unchanged\.", preview.Out);
        var again = await run.RunAsync("up", "--no-wait");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Contains("matches the cluster", again.Out, StringComparison.Ordinal);
    }

    [SshHostFact]
    public async Task Hetzner_up_on_a_terminal_shows_the_provisioning_phases_live_with_their_durations()
    {
        await using var world = await World.CreateAsync(kubernetesOptions: new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var screen = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Out = new AnsiConsoleOutput(screen) });
        terminal.Profile.Width = 200; // long phase lines stay on one line
        var run = new Run(world, "hetzner") { Workers = 1, Terminal = terminal };

        var up = await run.RunAsync("up", "--yes", "--no-wait");

        var text = System.Text.RegularExpressions.Regex.Replace(screen.ToString(), @"\u001b\[[0-9;?]*[A-Za-z]", "");
        Assert.True(up.Code == ExitCodes.Ok, text + up.All);
        Assert.Contains("\u001b[?25l", screen.ToString(), StringComparison.Ordinal);
        foreach (var phase in new[] { "cloud: servers", "k3s: first master", "k3s: workers" })
        {
            Assert.Matches($@"✓ \[{phase}\] .* \([0-9]+\.[0-9] s\)", text);
        }

        Assert.True(text.LastIndexOf("Applied: ", StringComparison.Ordinal) > text.LastIndexOf("✓ [", StringComparison.Ordinal), text);
        Assert.DoesNotContain(world.Hetzner!.Options.Token, screen.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI on a cluster "prod" of the world's cloud (token from the environment, no base domain).</summary>
    private sealed class Run(World world, string provider)
    {
        private const string TokenVariable = "CLOUD_TOKEN";

        public Dictionary<string, string> Environment { get; init; } = new()
        {
            [TokenVariable] = provider switch
            {
                "hetzner" => world.Hetzner!.Options.Token,
                "digitalocean" => world.DigitalOcean!.Options.Token,
                _ => "",
            },
        };

        public int Workers { get; set; }

        /// <summary>The cluster's <see cref="ClusterArgs.AdminCidrs"/>; the default (anywhere) when null.</summary>
        public IReadOnlyList<string>? AdminCidrs { get; set; }

        /// <summary>The worker pool's server type / droplet size; the provider's default when null.</summary>
        public string? WorkerSize { get; set; }

        /// <summary>A live terminal for the Spectre.Console output; plain lines when null.</summary>
        public IAnsiConsole? Terminal { get; init; }

        /// <summary>Declares SSH machines instead of a cloud cluster.</summary>
        public Action<Stack>? Machines { get; set; }

        public List<string> Outputs { get; } = [];

        public async Task<Result> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var host = new ProgramHost(output, error, Terminal is not null, new SecretResolver(name => Environment.GetValueOrDefault(name), world.Directory))
            {
                Terminal = Terminal,
                Connectors = [new ProvisionedClusterConnector(world.Options())],
                Engine = TestEngine.Options(TimeSpan.FromSeconds(20)),
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var code = await ShapeBlockProgram.RunAsync(args, Define, host, timeout.Token);
            var result = new Result(code, output.ToString(), error.ToString());
            Outputs.Add(result.All);
            return result;
        }

        private void Define(Stack stack)
        {
            if (Machines is not null)
            {
                Machines(stack);
                return;
            }

            var cluster = provider == "hetzner" ? world.HetznerCluster("prod", 1, ("workers", Workers)) : world.DigitalOceanCluster("prod", 1, ("workers", Workers));
            switch (cluster.Args.Provider)
            {
                case HetznerProvider hetzner:
                    hetzner.Token = Secret.FromEnvironment(TokenVariable);
                    break;
                case DigitalOceanProvider digitalOcean:
                    digitalOcean.Token = Secret.FromEnvironment(TokenVariable);
                    break;
            }

            if (AdminCidrs is not null)
            {
                cluster.Args.AdminCidrs = AdminCidrs;
            }

            if (WorkerSize is not null)
            {
                cluster.Args.NodePools[0].Size = WorkerSize;
            }

            stack.Add(cluster);
        }
    }

    private sealed record Result(int Code, string Out, string Error)
    {
        public string All => Out + "\n" + Error;
    }
}

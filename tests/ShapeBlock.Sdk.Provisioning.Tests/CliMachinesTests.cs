using System.Text.Json;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>The CLI on a DigitalOcean cluster with three masters behind a load balancer, and on your own SSH machines (NDJSON output).</summary>
public sealed class CliMachinesTests
{
    private static readonly InMemoryKubernetesOptions Kubernetes = new() { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm };

    [SshHostFact]
    public async Task DigitalOcean_ha_cluster_up_status_up_destroy_through_the_cli()
    {
        await using var world = await World.CreateAsync("digitalocean", Kubernetes);
        var digitalOcean = world.DigitalOcean!;
        var env = new Dictionary<string, string> { ["DIGITALOCEAN_TOKEN"] = digitalOcean.Options.Token };
        void Define(Stack stack)
        {
            var cluster = world.DigitalOceanCluster("doha", 3);
            ((DigitalOceanProvider)cluster.Args.Provider!).Token = Secret.FromEnvironment("DIGITALOCEAN_TOKEN");
            cluster.Args.Addons.BaseDomain = "apps.example.com";
            stack.Add(cluster);
        }

        var up = await RunAsync(world, env, Define, "up", "--yes", "--no-wait");
        Assert.True(up.Code == ExitCodes.Ok, up.All);
        Assert.Equal(3, digitalOcean.State.Droplets.Count);
        Assert.Single(digitalOcean.State.LoadBalancers);
        Assert.Contains("[cloud: load balancer]", up.Out, StringComparison.Ordinal);
        Assert.Equal(["doha-master-1", "doha-master-2", "doha-master-3"], world.ReadyNodes());

        // status finds the existing load balancer (it does not create one) and reads the kubeconfig from a master.
        digitalOcean.Requests.Clear();
        var status = await RunAsync(world, env, Define, "status");
        Assert.True(status.Code == ExitCodes.Ok, status.All);
        Assert.Contains("doha-master-3", status.Out, StringComparison.Ordinal);
        Assert.Equal(0, digitalOcean.Requests.MutatingCount);
        Assert.NotEmpty(digitalOcean.Requests.Matching("GET", "/v2/load_balancers"));

        digitalOcean.Requests.Clear();
        world.Kubernetes.Faults.Requests.Reset();
        var again = await RunAsync(world, env, Define, "up", "--yes", "--no-wait");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Equal(0, digitalOcean.Requests.MutatingCount);
        Assert.Equal(0, world.Kubernetes.Faults.Requests.Writes());

        var destroy = await RunAsync(world, env, Define, "destroy", "--yes");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Equal(0, digitalOcean.State.CountTagged("shapeblock-cluster:doha"));
        Assert.Empty(digitalOcean.State.LoadBalancers);
        Assert.Empty(digitalOcean.State.Droplets);
        foreach (var run in new[] { up, status, again, destroy })
        {
            Assert.DoesNotContain(digitalOcean.Options.Token, run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("in-memory-token", run.All, StringComparison.Ordinal);
        }
    }

    [SshHostFact(SshHostMode.Loopback)]
    public async Task Ssh_machines_up_with_json_events_then_destroy_uninstalls_k3s()
    {
        await using var world = await World.CreateAsync(kubernetesOptions: Kubernetes);
        var kubeconfig = Testing.Kubernetes.Kubeconfig.Render(world.Kubernetes.BaseUri);
        var master = await world.Hosts.CreateHostAsync(new SshHostOptions { Name = "own-master", Kubeconfig = kubeconfig, MemoryMiB = 4096 });
        var worker = await world.Hosts.CreateHostAsync(new SshHostOptions { Name = "own-worker", MemoryMiB = 4096 });
        world.AddMachine(master);
        world.AddMachine(worker);
        void Define(Stack stack)
        {
            // Loopback hosts do not have the private addresses: the interface is named, so it is not looked for.
            var machines = new SshMachines { PrivateKey = Secret.FromEnvironment("SSH_KEY"), PrivateInterface = "eth1" };
            machines.Masters.Add(new Model.SshHost(master.Address) { Port = master.Port, PrivateAddress = "10.99.0.1" });
            machines.Workers.Add(new Model.SshHost(worker.Address) { Port = worker.Port, PrivateAddress = "10.99.0.2" });
            stack.Add(new Cluster("own", new ClusterArgs { Provider = machines, K3sInstallScriptUrl = world.Hosts.InstallScriptUrl, Addons = { BaseDomain = "apps.example.com" } }));
        }

        var key = File.ReadAllText(world.Hosts.ClientKey.PrivateKeyPath);
        var env = new Dictionary<string, string> { ["SSH_KEY"] = key };

        var up = await RunAsync(world, env, Define, "up", "--yes", "--no-wait", "--json");
        Assert.True(up.Code == ExitCodes.Ok, up.All);
        Assert.Equal(["own-master-1", "own-workers-1"], world.ReadyNodes());
        var events = up.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "ready" && e.GetProperty("key").GetString() == "provision"
            && e.GetProperty("message").GetString()!.StartsWith("[k3s: workers] done", StringComparison.Ordinal));
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "created" && e.GetProperty("key").GetString()!.Contains("HelmChart kube-system/ingress-nginx", StringComparison.Ordinal));

        var joinToken = (await master.ReadFileAsync("/var/lib/rancher/k3s/server/token"))!.Trim();
        var destroy = await RunAsync(world, env, Define, "destroy", "--yes");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Null(await master.ReadFileAsync("/etc/systemd/system/k3s.service"));
        Assert.Null(await worker.ReadFileAsync("/etc/systemd/system/k3s-agent.service"));

        foreach (var run in new[] { up, destroy })
        {
            Assert.DoesNotContain(joinToken, run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("in-memory-token", run.All, StringComparison.Ordinal);
            foreach (var line in key.Split('\n').Where(l => l.Length >= 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(line.Trim(), run.All, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<(int Code, string Out, string All)> RunAsync(World world, Dictionary<string, string> env, Action<Stack> define, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new ProgramHost(output, error, false, new SecretResolver(name => env.GetValueOrDefault(name), world.Directory))
        {
            Connectors = [new ProvisionedClusterConnector(world.Options())],
            Engine = TestEngine.Options(TimeSpan.FromSeconds(20)),
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var code = await ShapeBlockProgram.RunAsync(args, define, host, timeout.Token);
        return (code, output.ToString(), output + "\n" + error);
    }
}

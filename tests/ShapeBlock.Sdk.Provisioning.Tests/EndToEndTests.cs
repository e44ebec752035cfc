using System.Diagnostics;
using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;
using Xunit.Abstractions;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>
/// Issue #8 part 7, everything at once: <c>up</c> of a QuickStart-like stack through the CLI creates the server on
/// the fake Hetzner cloud, installs the stub k3s on its real sshd host, applies the platform to the in-memory API
/// server the master's kubeconfig points at, and the real operator (in-process, against that server and its job,
/// workload and helm-controller simulators) builds the Dockerfile app and installs Postgres until the app is
/// <c>Ready</c> with its URL. A second <c>up</c> changes nothing anywhere; <c>destroy</c> leaves nothing labelled.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private const string TokenVariable = "HCLOUD_TOKEN";
    private const string Commit = "5d41402abc4b2a76b9719d911017c592ae5d3f1a";
    private const string Digest = "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    [SshHostFact]
    public async Task Up_of_a_quickstart_stack_builds_the_app_then_up_again_changes_nothing_and_destroy_leaves_nothing()
    {
        var watch = Stopwatch.StartNew();
        await using var world = await World.CreateAsync(kubernetesOptions: new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var server = world.Kubernetes;
        // The build pod: its clone step reports the commit, its kaniko step the pushed digest (termination messages).
        server.Simulators.Jobs.Script(
            job => job["metadata"]?["labels"]?[Labels.Build] is not null,
            JobOutcome.Succeed("INFO pushed")
                .WithContainer("git-clone", new ContainerOutcome { TerminationMessage = Commit, Logs = ["Cloning into '/workspace/source'..."] })
                .WithContainer("build", new ContainerOutcome { TerminationMessage = Digest, Logs = ["INFO[0000] FROM node:22-alpine", "INFO[0004] Pushed image"] }));
        await using var shapeblock = await InProcessOperator.StartAsync(server);

        var environment = new Dictionary<string, string> { [TokenVariable] = world.Hetzner!.Options.Token };
        var outputs = new List<string>();
        async Task<(int Code, string All)> Run(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var host = new ProgramHost(stdout, stderr, false, new SecretResolver(name => environment.GetValueOrDefault(name), world.Directory))
            {
                Connectors = [new ProvisionedClusterConnector(world.Options())],
                Engine = TestEngine.Options(TimeSpan.FromSeconds(30), appWait: TimeSpan.FromSeconds(45)),
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var started = watch.Elapsed;
            var code = await ShapeBlockProgram.RunAsync(args, Define, host, timeout.Token);
            var all = stdout + "\n" + stderr;
            outputs.Add(all);
            output.WriteLine($"$ {string.Join(' ', args)} → {code} in {(watch.Elapsed - started).TotalSeconds:F1} s\n{all}");
            return (code, all);
        }

        // 1. up: machines, k3s, platform, operator's work, all waited for.
        var up = await Run("up", "--yes");
        Assert.True(up.Code == ExitCodes.Ok, up.All + "\noperator:\n" + shapeblock.Tail());
        var cloud = world.Hetzner.State;
        Assert.Equal(["qs-master-1"], cloud.Servers.Select(s => s.Name));
        Assert.Equal(["qs-master-1"], world.ReadyNodes());
        var k3s = Assert.Single(world.Host("qs-master-1").K3sInvocations);
        Assert.True(k3s.Has("--cluster-init"));

        var app = server.Get(ApiGroup.ApiVersion, "App", "shop", "web")!;
        Assert.Equal("Ready", app["status"]?["phase"]?.GetValue<string>());
        Assert.Equal("https://shop.example.com", app["status"]?["url"]?.GetValue<string>());
        Assert.EndsWith($"@{Digest}", app["status"]?["image"]?.GetValue<string>(), StringComparison.Ordinal);
        var build = server.Get(ApiGroup.ApiVersion, "AppBuild", "shop", "web-main")!;
        Assert.Equal("Completed", build["status"]?["phase"]?.GetValue<string>());
        Assert.Equal(Commit, build["status"]?["gitCommit"]?.GetValue<string>());
        var db = server.Get(ApiGroup.ApiVersion, "Service", "shop", "db")!;
        Assert.Equal("Deployed", db["status"]?["phase"]?.GetValue<string>());
        Assert.Contains(db["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == ConditionTypes.Ready && c["status"]!.GetValue<string>() == "True");
        // Postgres was installed by its HelmChart (the helm-controller simulator made its StatefulSet).
        Assert.NotEmpty(server.List("apps/v1", "StatefulSet", "shop"));
        Assert.Contains("https://shop.example.com", up.All, StringComparison.Ordinal);
        // The operator Deployment the platform applied was made available by the workload simulator; the real
        // operator (this process) wrote the statuses.
        Assert.True(shapeblock.Writes > 0);

        // 2. up again: zero mutating calls to the cloud and to the Kubernetes API (operator's included), no k3s run.
        await QuiesceAsync(server, shapeblock);
        world.Hetzner.Requests.Clear();
        server.Faults.Requests.Reset();
        var operatorWrites = shapeblock.Writes;
        var again = await Run("up", "--yes");
        Assert.True(again.Code == ExitCodes.Ok, again.All);
        Assert.Equal(0, world.Hetzner.Requests.MutatingCount);
        Assert.True(server.Faults.Requests.Writes() == 0, "writes on the second up: " + string.Join(", ", server.Faults.Requests.Recent.Where(r => r.Verb is not ("get" or "list" or "watch")).Select(r => $"{r.Verb} {r.Resource} {r.Namespace}/{r.Name}")));
        Assert.Equal(operatorWrites, shapeblock.Writes);
        Assert.Single(world.Host("qs-master-1").K3sInvocations);
        Assert.Contains("Applied: 0 created, 0 updated,", again.All, StringComparison.Ordinal);

        // 3. destroy: nothing labelled with the cluster is left in the cloud, the host is gone.
        var destroy = await Run("destroy", "--yes");
        Assert.True(destroy.Code == ExitCodes.Ok, destroy.All);
        Assert.Equal(0, cloud.CountLabelled("shapeblock.io/cluster=qs"));
        Assert.Empty(cloud.Servers);
        Assert.Empty(world.AllHosts);

        // Nothing secret in anything shown.
        var shown = string.Join('\n', outputs);
        Assert.DoesNotContain(world.Hetzner.Options.Token, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("in-memory-token", shown, StringComparison.Ordinal);
        Assert.Empty(world.Kubelet.Errors);
        Assert.Empty(server.Simulators.Errors);
        output.WriteLine($"end to end: {watch.Elapsed.TotalSeconds:F1} s");

        void Define(Stack stack)
        {
            var cluster = world.HetznerCluster("qs", 1);
            ((HetznerProvider)cluster.Args.Provider!).Token = Secret.FromEnvironment(TokenVariable);
            cluster.Args.Addons.Ingress = Ingress.Nginx;
            cluster.Args.Addons.BaseDomain = "apps.example.com";
            stack.Add(cluster);
            var shop = cluster.AddProject("shop", new ProjectArgs { DisplayName = "Shop" });
            var database = shop.AddService("db", Service.Postgres(version: "16", storage: "1Gi"));
            var web = shop.AddApp("web", new AppArgs
            {
                Git = new("https://github.com/acme/shop.git", branch: "main"),
                Build = Build.Dockerfile(),
                Port = 8080,
                Domains = { "shop.example.com" },
                Env = { ["LOG_LEVEL"] = "info" },
                Bind = { database },
                HealthCheck = new("/healthz"),
            });
            web.Deploy("main");
        }
    }

    /// <summary>
    /// Waits until the operator has stopped writing (its last reconciles after the app went Ready): the count of its
    /// writes holds still across a few reconcile-free rounds, bounded.
    /// </summary>
    private static async Task QuiesceAsync(InMemoryKubernetes server, InProcessOperator shapeblock)
    {
        var last = -1;
        var stable = 0;
        await Eventually.Until(() =>
        {
            var now = shapeblock.Writes + server.Faults.Requests.Writes();
            stable = now == last ? stable + 1 : 0;
            last = now;
            return stable >= 20;
        }, "the operator to stop writing", TimeSpan.FromSeconds(20));
    }
}

using System.Text;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary>An in-memory API server (ShapeBlock CRDs, helm-controller and workload simulators) with the operator stand-in, and a way to run the CLI against it.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public const string AppToken = "app-TOKEN-7c1d9e44";
    public const string KubeToken = "kube-BEARER-51aa0c93";

    private EngineHarness(InMemoryKubernetes server, OperatorStandIn standIn, string directory)
    {
        Server = server;
        Operator = standIn;
        Directory = directory;
        // The generated kubeconfig with a distinctive token, so tests can look for it in every output.
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(KubeconfigPath, File.ReadAllText(server.KubeconfigPath).Replace("in-memory-token", KubeToken, StringComparison.Ordinal));
    }

    public InMemoryKubernetes Server { get; }

    public OperatorStandIn Operator { get; }

    public string Directory { get; }

    public string KubeconfigPath { get; }

    /// <summary>Every output of every run, for the secret search.</summary>
    public StringBuilder AllOutput { get; } = new();

    public EngineOptions Options { get; set; } = new()
    {
        RetryDelay = TimeSpan.FromMilliseconds(20),
        CrdTimeout = TimeSpan.FromSeconds(20),
        NamespaceTimeout = TimeSpan.FromSeconds(20),
        OperatorTimeout = TimeSpan.FromSeconds(20),
        ProjectTimeout = TimeSpan.FromSeconds(20),
        AppTimeout = TimeSpan.FromSeconds(20),
        BuildGrace = TimeSpan.FromSeconds(20),
        DeleteTimeout = TimeSpan.FromSeconds(20),
        WatchSeconds = 10,
    };

    public static async Task<EngineHarness> StartAsync()
    {
        var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm });
        var standIn = new OperatorStandIn(server);
        standIn.Enable();
        return new EngineHarness(server, standIn, TestSupport.TempDirectory());
    }

    /// <summary>An existing cluster with ingress-nginx, cert-manager, a project, a service, an image app with a secret variable, a build and a team.</summary>
    public void Define(Stack stack) => Define(stack, KubeconfigPath, apps: ["hello"]);

    public static void Define(Stack stack, string kubeconfig, IReadOnlyList<string> apps)
    {
        var cluster = stack.Add(new Cluster("ext", new ClusterArgs
        {
            Provider = ExistingCluster.FromKubeconfig(kubeconfig),
            Addons = { Ingress = Ingress.Nginx, CertManager = new("ops@example.com"), BaseDomain = "apps.example.com" },
        }));
        var demo = cluster.AddProject("demo");
        var cache = demo.AddService("cache", Model.Service.Redis());
        foreach (var name in apps)
        {
            var app = demo.AddApp(name, new AppArgs
            {
                Build = Build.Image($"ghcr.io/acme/{name}:1"),
                Domains = { $"{name}.apps.example.com" },
                Bind = { cache },
                Env = { ["LOG_LEVEL"] = "info", ["TOKEN"] = Secret.FromEnvironment("APP_TOKEN") },
            });
            app.Deploy("1.0.1");
        }

        cluster.AddTeam("devs", new TeamArgs { Members = { TeamMember.User("alice") }, Projects = { { demo, ProjectRole.Developer } } });
    }

    public Task<RunResult> RunAsync(params string[] args) => RunAsync(Define, default, args);

    public Task<RunResult> RunAsync(Action<Stack> define, CancellationToken cancellationToken, params string[] args) => RunAsync(define, false, cancellationToken, args);

    /// <summary>Runs the CLI; <paramref name="terminal"/> selects the Spectre.Console output.</summary>
    public async Task<RunResult> RunAsync(Action<Stack> define, bool terminal, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new ProgramHost(output, error, terminal, TestSupport.Resolver(new() { ["APP_TOKEN"] = AppToken }, Directory)) { Engine = Options };
        var code = await ShapeBlockProgram.RunAsync(args, define, host, cancellationToken);
        var result = new RunResult(code, output.ToString(), error.ToString());
        lock (AllOutput)
        {
            AllOutput.Append(result.All);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Operator.DisposeAsync();
        await Server.DisposeAsync();
    }
}

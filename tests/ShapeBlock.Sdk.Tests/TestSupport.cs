using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Tests;

/// <summary>Builds stacks, hosts and repository paths for the tests.</summary>
internal static class TestSupport
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static SecretResolver Resolver(Dictionary<string, string>? env = null, string? workingDirectory = null) =>
        new(name => env is not null && env.TryGetValue(name, out var value) ? value : null, workingDirectory ?? Path.GetTempPath());

    public static Stack Stack(Action<Stack> define, string name = "dev")
    {
        var stack = new Stack(name);
        define(stack);
        return stack;
    }

    public static Stack QuickStart() => Stack(global::QuickStart.QuickStartStack.Define);

    /// <summary>An existing cluster with a project, an image app, a service and a team.</summary>
    public static void Existing(Stack stack, Ingress ingress = Ingress.Nginx)
    {
        var cluster = stack.Add(new Cluster("ext", new ClusterArgs
        {
            Provider = ExistingCluster.FromKubeconfig("/nonexistent/kubeconfig"),
            Addons = { Ingress = ingress, CertManager = new("ops@example.com"), BaseDomain = "apps.example.com" },
        }));
        var demo = cluster.AddProject("demo");
        var cache = demo.AddService("cache", Model.Service.Redis());
        demo.AddApp("hello", new AppArgs { Build = Build.Image("ghcr.io/acme/hello:1"), Bind = { cache } }).Deploy("1.0.1");
        cluster.AddTeam("devs", new TeamArgs { Members = { TeamMember.User("alice") }, Projects = { { demo, ProjectRole.Developer } } });
    }

    public static async Task<RunResult> RunAsync(Action<Stack> define, Dictionary<string, string>? env = null, string? workingDirectory = null, bool terminal = false, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new ProgramHost(output, error, terminal, Resolver(env, workingDirectory)) { Connectors = OfflineConnectors };
        var code = await ShapeBlockProgram.RunAsync(args, define, host);
        return new RunResult(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The default connectors, except that Hetzner and DigitalOcean calls go to a closed local port (refused at once,
    /// one quick retry): these tests never reach a real cloud, even with a token in their environment.
    /// </summary>
    public static IReadOnlyList<IClusterConnector> OfflineConnectors { get; } =
    [
        new ExistingClusterConnector(),
        new ProvisionedClusterConnector(new Provisioning.ProvisionOptions
        {
            HetznerApiUrl = new Uri("http://127.0.0.1:1/v1"),
            DigitalOceanApiUrl = new Uri("http://127.0.0.1:1/v2"),
            Retry = new Provisioning.Http.CloudRetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5) },
        }),
    ];

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "shapeblock-sdk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeBlock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ShapeBlock.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record RunResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

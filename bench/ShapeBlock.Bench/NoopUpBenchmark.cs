using System.Diagnostics;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Bench;

/// <summary>
/// noop-up-writes: mutating API requests (create/update/patch/delete) made by an <c>up</c> when nothing changed,
/// against the in-memory API server after a first <c>up</c> of an existing-cluster stack with 200 apps. Must be 0.
/// </summary>
internal static class NoopUpBenchmark
{
    public static Benchmark Create() => new("noop-up-writes", "mutating API calls of a second up of an unchanged 200-app stack (must be 0)", RunAsync);

    private static async Task<Figure> RunAsync(bool shortMode, CancellationToken cancellationToken)
    {
        var (projects, apps) = shortMode ? (2, 5) : (10, 20);
        await using var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions
        {
            ShapeBlockCrds = true,
            Crds = [ClusterIssuerCrd()],
            Simulators = SimulatorKinds.Workloads,
        }, cancellationToken).ConfigureAwait(false);

        // No operator runs here (--no-wait): the project namespaces it would create are seeded.
        for (var p = 0; p < projects; p++)
        {
            server.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = $"project-{p}" } });
        }

        var host = new ProgramHost(TextWriter.Null, TextWriter.Null, false, SecretResolver.Process);
        string[] args = ["up", "--yes", "--no-wait", "--json"];
        void Define(Stack stack) => DefineStack(stack, server.KubeconfigPath, projects, apps);

        var started = Stopwatch.GetTimestamp();
        Check(await ShapeBlockProgram.RunAsync(args, Define, host, cancellationToken).ConfigureAwait(false), "first up");
        var first = Stopwatch.GetElapsedTime(started);
        var firstWrites = server.Faults.Requests.Writes();

        server.Faults.Requests.Reset();
        started = Stopwatch.GetTimestamp();
        Check(await ShapeBlockProgram.RunAsync(args, Define, host, cancellationToken).ConfigureAwait(false), "second up");
        var second = Stopwatch.GetElapsedTime(started);
        var writes = server.Faults.Requests.Writes();

        Console.WriteLine($"  stack: {projects} projects x {apps} apps + {projects * 2} services; first up {first.TotalMilliseconds:F0} ms with {firstWrites} writes");
        Console.WriteLine($"  second up: {second.TotalMilliseconds:F0} ms, {server.Faults.Requests.Reads()} reads, {writes} writes");
        foreach (var (request, count) in server.Faults.Requests.Snapshot().Where(r => !r.Key.StartsWith("get ", StringComparison.Ordinal) && !r.Key.StartsWith("list ", StringComparison.Ordinal)))
        {
            Console.WriteLine($"    {request}: {count}");
        }

        return new Figure(writes, "writes");
    }

    private static void Check(int exitCode, string what)
    {
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited with {exitCode}");
        }
    }

    private static void DefineStack(Stack stack, string kubeconfig, int projects, int apps)
    {
        var cluster = stack.Add(new Cluster("bench", new ClusterArgs
        {
            Provider = ExistingCluster.FromKubeconfig(kubeconfig),
            Addons = { Ingress = Ingress.Nginx, CertManager = new("ops@example.com"), BaseDomain = "apps.example.com" },
        }));

        for (var p = 0; p < projects; p++)
        {
            var project = cluster.AddProject($"project-{p}", new ProjectArgs { DisplayName = $"Project {p}" });
            var db = project.AddService("db", Service.Postgres(version: "16", storage: "5Gi"));
            var cache = project.AddService("cache", Service.Redis());
            for (var a = 0; a < apps; a++)
            {
                project.AddApp($"app-{a}", new AppArgs
                {
                    Git = new($"https://github.com/acme/app-{a}.git", branch: "main"),
                    Build = a % 2 == 0 ? Build.Dockerfile() : Build.Buildpack(),
                    Domains = { $"app-{a}.project-{p}.example.com" },
                    Env = { ["LOG_LEVEL"] = "info", ["API_TOKEN"] = Secret.Literal($"token-{p}-{a}") },
                    Bind = { db, cache },
                    HealthCheck = new("/healthz"),
                });
            }
        }
    }

    private static JsonObject ClusterIssuerCrd() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = "clusterissuers.cert-manager.io" },
        ["spec"] = new JsonObject
        {
            ["group"] = "cert-manager.io",
            ["names"] = new JsonObject { ["kind"] = "ClusterIssuer", ["plural"] = "clusterissuers", ["singular"] = "clusterissuer" },
            ["scope"] = "Cluster",
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
            }),
        },
    };
}

using System.Diagnostics;
using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Bench;

/// <summary>preview-200-apps: warm wall time of `preview --json` (validate, plan, diff, print) for a 200-app stack. Goal ≤ 500 ms.</summary>
internal static class PreviewBenchmark
{
    public static Benchmark Create() => new("preview-200-apps", "warm preview of a stack with 200 apps and 20 databases (goal <= 500 ms)", RunAsync);

    private static async Task<Figure> RunAsync(bool shortMode, CancellationToken cancellationToken)
    {
        var host = new ProgramHost(TextWriter.Null, TextWriter.Null, false, SecretResolver.Process);
        string[] args = ["preview", "--json"];
        for (var i = 0; i < (shortMode ? 1 : 5); i++)
        {
            await Check(await ShapeBlockProgram.RunAsync(args, Define, host, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var samples = new List<double>();
        for (var i = 0; i < (shortMode ? 3 : 25); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Check(await ShapeBlockProgram.RunAsync(args, Define, host, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        Console.WriteLine($"  samples: {samples.Count}, min {samples[0]:F1} ms, median {samples[samples.Count / 2]:F1} ms, max {samples[^1]:F1} ms");
        return new Figure(Math.Round(samples[samples.Count / 2], 1), "ms");
    }

    private static Task Check(int exitCode) =>
        exitCode == 0 ? Task.CompletedTask : throw new InvalidOperationException($"preview exited with {exitCode}");

    private static void Define(Stack stack)
    {
        var cluster = stack.Add(new Cluster("bench", new ClusterArgs
        {
            Provider = ExistingCluster.FromKubeconfig("/nonexistent/kubeconfig"),
            Addons = { Ingress = Ingress.Nginx, CertManager = new("ops@example.com"), BaseDomain = "apps.example.com" },
        }));

        for (var p = 0; p < 10; p++)
        {
            var project = cluster.AddProject($"project-{p}", new ProjectArgs { DisplayName = $"Project {p}" });
            var db = project.AddService("db", Service.Postgres(version: "16", storage: "5Gi"));
            var cache = project.AddService("cache", Service.Redis());
            for (var a = 0; a < 20; a++)
            {
                project.AddApp($"app-{a}", new AppArgs
                {
                    Git = new($"https://github.com/acme/app-{a}.git", branch: "main"),
                    Build = a % 2 == 0 ? Build.Dockerfile() : Build.Buildpack(),
                    Port = 8080,
                    Domains = { $"app-{a}.project-{p}.example.com" },
                    Env = { ["LOG_LEVEL"] = "info", ["APP_INDEX"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    Bind = { db, cache },
                    HealthCheck = new("/healthz"),
                });
            }
        }
    }
}

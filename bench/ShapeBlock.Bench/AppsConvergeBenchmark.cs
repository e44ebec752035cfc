using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ShapeBlock.Api;
using ShapeBlock.Operator;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Bench;

/// <summary>
/// apps-converge: 1,000 image-type Apps, each with an AppBuild, created at once in a project; time until every
/// build is Completed (so every release is installed and its Deployment available), against the in-memory API
/// server with its helm-controller, job and workload simulators, the operator in-process. Also reports the
/// operator's API writes per app.
/// </summary>
internal static class AppsConvergeBenchmark
{
    public static Benchmark Create() => new(
        "apps-converge",
        "1,000 image-type Apps + AppBuilds created at once until every build is Completed, operator in-process against the simulators, after an uncounted warm-up batch (goal <= 5 s on 2 cores); writes per app",
        RunAsync);

    private static async Task<Figure> RunAsync(bool shortMode, CancellationToken cancellationToken)
    {
        // SB_BENCH_APPS overrides the count (to see how the time scales).
        var count = int.TryParse(Environment.GetEnvironmentVariable("SB_BENCH_APPS"), out var n) && n > 0 ? n : shortMode ? 50 : 1000;
        // An uncounted warm-up batch of as many apps in another project first: the operator ships NativeAOT and a real
        // API server is warm, but here the operator, the API server and the simulators JIT in this process, and cold
        // the JIT took ~30% of the batch's CPU (perf, 2026-11-24). SB_BENCH_WARMUP=n sets its size, 0 measures cold.
        var warmup = int.TryParse(Environment.GetEnvironmentVariable("SB_BENCH_WARMUP"), out var w) && w >= 0 ? w : count;
        await using var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm }, cancellationToken).ConfigureAwait(false);
        server.Create(Manifests.Object("v1", "Namespace", null, "shapeblock", null));
        server.Create(Manifests.RegistrySecret());

        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(NullLoggerProvider.Instance));
        // The operator's defaults, except APP_RECONCILE_WORKERS when set (to see how the time scales with it).
        var options = OperatorOptions.FromEnvironment(name => name == "APP_RECONCILE_WORKERS" ? Environment.GetEnvironmentVariable(name) : null) with { HealthAddress = "", LeaderElection = false };
        var host = new OperatorHost(options, server.CreateClient(), loggers);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            if (warmup > 0)
            {
                var warm = Stopwatch.GetTimestamp();
                await ConvergeAsync(server, "warmup", warmup, cancellationToken).ConfigureAwait(false);
                // Its Events are still being written: the measured batch would find the bounded Event queue full.
                var drained = Stopwatch.GetTimestamp();
                while (host.EventsPending > 0 && Stopwatch.GetElapsedTime(drained) < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                }

                Console.WriteLine($"  warm-up: {warmup} apps in another project converged in {Stopwatch.GetElapsedTime(warm).TotalSeconds:F2} s, their Events written {Stopwatch.GetElapsedTime(drained).TotalSeconds:F2} s later ({host.EventsDropped} dropped)");
            }

            await CreateProjectAsync(server, "bench", cancellationToken).ConfigureAwait(false);
            server.Faults.Requests.Reset();

            var load = Load.Sample();
            var revision = server.Store.ResourceVersion;
            var (appReconciles, buildReconciles) = (host.ReconcileCount("app"), host.ReconcileCount("appbuild"));
            var dropped = host.EventsDropped;
            var started = Stopwatch.GetTimestamp();
            await ConvergeAsync(server, "bench", count, cancellationToken).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cost = load.Since(seconds);

            // The operator writes Events in the background: stop it (which writes what is queued) before counting.
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
            // In the measured project only (the warm-up's last Events may still be written meanwhile).
            var writes = server.Faults.Requests.WritesIn("bench");
            Console.WriteLine($"  {count} apps: all builds Completed after {seconds:F2} s; operator API writes {writes} ({(double)writes / count:F1} per app; all projects: {Breakdown(server)})");
            Console.WriteLine($"  {cost}; Events dropped (queue full) {host.EventsDropped - dropped}");
            Console.WriteLine($"  store writes by everyone (operator, simulators, benchmark) {server.Store.ResourceVersion - revision} ({(double)(server.Store.ResourceVersion - revision) / count:F1} per app); operator reads {server.Faults.Requests.Reads()}; reconciles per app: app {(double)(host.ReconcileCount("app") - appReconciles) / count:F1}, appbuild {(double)(host.ReconcileCount("appbuild") - buildReconciles) / count:F1}");
            if (server.Simulators.Errors.Count > 0)
            {
                throw new InvalidOperationException("simulator errors: " + string.Join("; ", server.Simulators.Errors.Take(3)));
            }

            return new Figure(Math.Round(seconds, 2), "s");
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
        }
    }

    private static async Task CreateProjectAsync(InMemoryKubernetes server, string project, CancellationToken cancellationToken)
    {
        server.Create(Manifests.Object(ApiGroup.ApiVersion, "Project", null, project, new JsonObject { ["displayName"] = project }));
        await server.WaitForAsync(ApiGroup.ApiVersion, "Project", null, project, p => p["status"]?["phase"]?.GetValue<string>() == "Active", TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates <paramref name="count"/> image Apps with one AppBuild each, all at once, and waits until every build is Completed.</summary>
    private static async Task ConvergeAsync(InMemoryKubernetes server, string project, int count, CancellationToken cancellationToken)
    {
        if (server.Get(ApiGroup.ApiVersion, "Project", null, project) is null)
        {
            await CreateProjectAsync(server, project, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < count; i++)
        {
            server.Create(Manifests.Object(ApiGroup.ApiVersion, "App", project, $"app{i:D4}", new JsonObject
            {
                ["displayName"] = $"App {i}",
                ["build"] = new JsonObject { ["type"] = "image", ["image"] = $"ghcr.io/acme/app{i}:1.0" },
                ["domains"] = new JsonArray(new JsonObject { ["host"] = $"app{i}.{project}.example.com" }),
            }));
            server.Create(Manifests.Object(ApiGroup.ApiVersion, "AppBuild", project, $"app{i:D4}-1", new JsonObject { ["appName"] = $"app{i:D4}", ["imageTag"] = "1.1" }));
        }

        for (var i = 0; i < count; i++)
        {
            await server.WaitForAsync(ApiGroup.ApiVersion, "AppBuild", project, $"app{i:D4}-1", b => b["status"]?["phase"]?.GetValue<string>() == "Completed", TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Breakdown(InMemoryKubernetes server) =>
        string.Join(", ", server.Faults.Requests.Snapshot().Where(kv => kv.Key.Split(' ')[0] is "create" or "update" or "patch" or "delete").OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"));
}

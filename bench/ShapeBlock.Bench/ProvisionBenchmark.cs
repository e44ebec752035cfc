using System.Collections.Concurrent;
using System.Diagnostics;
using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning;
using ShapeBlock.Sdk.Provisioning.Http;
using ShapeBlock.Sdk.Provisioning.Tests.Harness;
using ShapeBlock.Testing.Clouds;
using ShapeBlock.Testing.Clouds.Hetzner;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Ssh;
using SshHost = ShapeBlock.Testing.Ssh.SshHost;

namespace ShapeBlock.Bench;

/// <summary>
/// provision-parallel: wall time of <c>up</c> for a 10-node cluster (1 master + 9 workers) against a 1-node cluster,
/// same run, against the fake Hetzner API whose servers are real sshd hosts in network namespaces running the stub
/// k3s, with node readiness observed through the in-memory API server. Cloud actions and the k3s start are given a
/// fixed duration so that the figure shows whether nodes of a phase really proceed together (goal: ratio ≤ 1.3).
/// </summary>
internal static class ProvisionBenchmark
{
    public static Benchmark Create() =>
        new("provision-parallel", "up of a 10-node vs a 1-node cluster on the fake Hetzner cloud + sshd hosts, same run (goal: ratio <= 1.3)", RunAsync);

    private static async Task<Figure> RunAsync(bool shortMode, CancellationToken ct)
    {
        if (SshEnvironment.SkipReason(SshHostMode.Namespace) is { } reason)
        {
            Console.WriteLine($"  skipped: {reason}");
            return new Figure(double.NaN, "ratio (skipped)");
        }

        var large = shortMode ? 3 : 10;
        // Overridable to see how the ratio moves when cloud and k3s times dominate, as they do on real clouds.
        var k3sStart = TimeSpan.FromSeconds(Seconds("SB_BENCH_K3S_SECONDS") ?? (shortMode ? 0.5 : 10));
        var actionDuration = TimeSpan.FromSeconds(Seconds("SB_BENCH_ACTION_SECONDS") ?? (shortMode ? 0.2 : 5));
        await using var hosts = await SshHostFactory.CreateAsync(cancellationToken: ct).ConfigureAwait(false);
        await using var kubernetes = await InMemoryKubernetes.StartAsync(cancellationToken: ct).ConfigureAwait(false);
        var byServer = new ConcurrentDictionary<string, SshHost>();
        var options = new FakeCloudOptions
        {
            ActionDuration = actionDuration,
            RateLimit = 100_000,
            AddressProvider = async (server, token) =>
            {
                var host = await hosts.CreateHostAsync(new SshHostOptions
                {
                    Mode = SshHostMode.Namespace,
                    Name = server.Name,
                    MemoryMiB = server.MemoryMiB,
                    Kubeconfig = Kubeconfig.Render(kubernetes.BaseUri),
                    // The private network's interface, as current Hetzner server types show it (flannel's interface is read from it).
                    Interfaces = [.. server.PrivateAddresses.Select(ip => new SshHostInterface("enp7s0", ip + "/32"))],
                }, token).ConfigureAwait(false);
                host.SetK3sDelay(k3sStart);
                byServer[server.Id] = host;
                return host.Address;
            },
            ServerDeleted = async (server, _) =>
            {
                if (byServer.TryRemove(server.Id, out var host))
                {
                    await hosts.RemoveHostAsync(host).ConfigureAwait(false);
                }
            },
        };
        await using var hetzner = new FakeHetzner(options);
        var baseUrl = await hetzner.StartAsync(ct).ConfigureAwait(false);
        await using var kubelet = new K3sKubelet(kubernetes, () => [.. byServer.Values]);
        var directory = Directory.CreateTempSubdirectory("sb-bench-provision-").FullName;
        var provisioner = new ClusterProvisioner(new ProvisionOptions
        {
            HetznerApiUrl = new Uri(baseUrl),
            Retry = new CloudRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(50) },
            PollInterval = TimeSpan.FromMilliseconds(100),
            KnownHostsPath = Path.Combine(directory, "known_hosts"),
            ApiServerOverride = kubernetes.BaseUri,
            ServerReadyTimeout = TimeSpan.FromMinutes(2),
            NodeReadyTimeout = TimeSpan.FromMinutes(2),
        });

        async Task<TimeSpan> UpAsync(string name, int nodes)
        {
            var cluster = new Cluster(name, new ClusterArgs
            {
                Provider = new HetznerProvider
                {
                    Token = Secret.Literal(hetzner.Options.Token),
                    SshPublicKeyFile = hosts.ClientKey.PublicKeyPath,
                    SshPrivateKey = Secret.FromFile(hosts.ClientKey.PrivateKeyPath),
                },
                K3sInstallScriptUrl = hosts.InstallScriptUrl,
                NodePools = { new NodePool("workers") { Count = nodes - 1 } },
            });
            var watch = Stopwatch.StartNew();
            var phases = new List<ProvisionEvent>();
            await provisioner.UpAsync(cluster, new Progress(phases), ct).ConfigureAwait(false);
            var elapsed = watch.Elapsed;
            Console.WriteLine($"  {nodes,2} node(s): {elapsed.TotalSeconds:0.00} s  ({string.Join(", ", phases.Where(p => p.Kind == ProvisionEventKind.PhaseCompleted).Select(p => $"{p.Phase} {p.Elapsed!.Value.TotalSeconds:0.0}"))})");
            await provisioner.DestroyAsync(cluster, cancellationToken: ct).ConfigureAwait(false);
            return elapsed;
        }

        Console.WriteLine($"  cloud actions take {options.ActionDuration.TotalSeconds:0.0} s, k3s start {k3sStart.TotalSeconds:0.0} s per node; warm-up run first");
        await UpAsync("warmup", 1).ConfigureAwait(false);
        var one = await UpAsync("one", 1).ConfigureAwait(false);
        var many = await UpAsync("many", large).ConfigureAwait(false);
        Directory.Delete(directory, recursive: true);
        var ratio = many / one;
        Console.WriteLine($"  ratio {large} nodes / 1 node = {ratio:0.00} (goal <= 1.3)");
        return new Figure(Math.Round(ratio, 2), $"ratio ({large} vs 1 node: {many.TotalSeconds:0.00} s / {one.TotalSeconds:0.00} s)");
    }

    private static double? Seconds(string variable) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class Progress(List<ProvisionEvent> events) : IProgress<ProvisionEvent>
    {
        public void Report(ProvisionEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Testing.Clouds;
using ShapeBlock.Testing.Clouds.DigitalOcean;
using ShapeBlock.Testing.Clouds.Hetzner;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Ssh;
using SshHost = ShapeBlock.Testing.Ssh.SshHost;

namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>
/// Everything a provisioning test talks to: a fake Hetzner (or DigitalOcean) API whose servers are real sshd hosts in
/// network namespaces (stub k3s, kubeconfig pointing at an in-memory API server), the API server itself and a
/// simulated kubelet that registers nodes when k3s succeeded. Also collects every progress line.
/// </summary>
public sealed class World : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SshHost> byServer = new(StringComparer.Ordinal);

    private World(SshHostFactory hosts, InMemoryKubernetes kubernetes, string directory)
    {
        Hosts = hosts;
        Kubernetes = kubernetes;
        Directory = directory;
        Kubelet = new K3sKubelet(kubernetes, () => [.. byServer.Values]);
    }

    public SshHostFactory Hosts { get; }

    public InMemoryKubernetes Kubernetes { get; }

    public K3sKubelet Kubelet { get; }

    public FakeHetzner? Hetzner { get; private set; }

    public FakeDigitalOcean? DigitalOcean { get; private set; }

    public string Directory { get; }

    public string KnownHostsPath => Path.Combine(Directory, "known_hosts");

    /// <summary>Memory of the host made for a server (by server name); the server type's memory when null.</summary>
    public Func<string, int?> MemoryFor { get; set; } = _ => null;

    /// <summary>
    /// The name of the interface that carries a server's private address on its host (by server name); null gives the
    /// host no such interface. Default: what current Hetzner server types (<c>enp7s0</c>) and droplets (<c>eth1</c>) show.
    /// </summary>
    public Func<string, string?>? PrivateInterfaceFor { get; set; }

    /// <summary>Called for every host made for a server, before the server's create call returns.</summary>
    public Action<SshHost>? OnHost { get; set; }

    public ConcurrentQueue<ProvisionEvent> Events { get; } = new();

    public IProgress<ProvisionEvent> Progress => new Sink(Events);

    /// <summary>The SSH host of a server (by server name).</summary>
    public SshHost Host(string name) => byServer.Values.Single(h => h.Name == name);

    public IReadOnlyList<SshHost> AllHosts => [.. byServer.Values];

    public static async Task<World> CreateAsync(string provider = "hetzner", InMemoryKubernetesOptions? kubernetesOptions = null)
    {
        var hosts = await SshHostFactory.CreateAsync();
        var kubernetes = await InMemoryKubernetes.StartAsync(kubernetesOptions);
        var directory = System.IO.Directory.CreateTempSubdirectory("sb-provision-").FullName;
        var world = new World(hosts, kubernetes, directory);
        var options = new FakeCloudOptions
        {
            // A token unlike any other string, so tests can search output for it.
            Token = "tok-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ActionDuration = TimeSpan.FromMilliseconds(30),
            RateLimit = 100_000,
            AddressProvider = async (server, ct) =>
            {
                var host = await hosts.CreateHostAsync(new SshHostOptions
                {
                    Mode = SshHostMode.Namespace,
                    Name = server.Name,
                    MemoryMiB = world.MemoryFor(server.Name) ?? server.MemoryMiB,
                    Kubeconfig = Testing.Kubernetes.Kubeconfig.Render(kubernetes.BaseUri),
                    Interfaces = (world.PrivateInterfaceFor ?? (_ => provider == "hetzner" ? "enp7s0" : "eth1"))(server.Name) is { } nic
                        ? [.. server.PrivateAddresses.Select(a => new SshHostInterface(nic, a + "/32"))]
                        : [],
                }, ct);
                host.SetK3sRestartGate(true); // a restart of k3s makes the node NotReady for a moment (K3sKubelet)
                world.byServer[server.Id] = host;
                world.OnHost?.Invoke(host);
                return host.Address;
            },
            // A machine switched off stops its SSH host (its node goes NotReady); switched on, the host starts again
            // with the memory of its (maybe changed) type, and the node is Ready again.
            PowerChanged = async (server, on, ct) =>
            {
                if (!world.byServer.TryGetValue(server.Id, out var host))
                {
                    return;
                }

                if (on)
                {
                    await host.SetMemoryAsync(world.MemoryFor(server.Name) ?? server.MemoryMiB, ct);
                    await host.StartAsync(ct);
                    world.Kubelet.PoweredOn(server.Name);
                }
                else
                {
                    await world.Kubelet.PowerOffAsync(server.Name, ct);
                    await host.StopAsync(ct);
                }
            },
            ServerDeleted = async (server, _) =>
            {
                if (world.byServer.TryRemove(server.Id, out var host))
                {
                    await hosts.RemoveHostAsync(host);
                }
            },
        };
        if (provider == "hetzner")
        {
            world.Hetzner = new FakeHetzner(options);
            await world.Hetzner.StartAsync();
        }
        else
        {
            world.DigitalOcean = new FakeDigitalOcean(options);
            await world.DigitalOcean.StartAsync();
        }

        return world;
    }

    /// <summary>Options for fast, bounded tests against this world.</summary>
    public ProvisionOptions Options(Func<ProvisionOptions, ProvisionOptions>? change = null)
    {
        var options = new ProvisionOptions
        {
            HetznerApiUrl = Hetzner is null ? null : new Uri(Hetzner.BaseUrl),
            DigitalOceanApiUrl = DigitalOcean is null ? null : new Uri(DigitalOcean.BaseUrl),
            Retry = new Http.CloudRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromSeconds(20) },
            PollInterval = TimeSpan.FromMilliseconds(50),
            ServerReadyTimeout = TimeSpan.FromSeconds(20),
            ActionTimeout = TimeSpan.FromSeconds(20),
            SshConnectTimeout = TimeSpan.FromSeconds(20),
            SshCommandTimeout = TimeSpan.FromSeconds(30),
            NodeReadyTimeout = TimeSpan.FromSeconds(20),
            DrainTimeout = TimeSpan.FromSeconds(5),
            KnownHostsPath = KnownHostsPath,
            ApiServerOverride = Kubernetes.BaseUri,
        };
        return change is null ? options : change(options);
    }

    /// <summary>A Hetzner cluster wired to this world (the SSH key is the one every test host accepts).</summary>
    public Cluster HetznerCluster(string name, int masters = 1, params (string Pool, int Count)[] pools)
    {
        var args = new ClusterArgs
        {
            Provider = new HetznerProvider
            {
                Token = Secret.Literal(Hetzner!.Options.Token),
                SshPublicKeyFile = Hosts.ClientKey.PublicKeyPath,
                SshPrivateKey = Secret.FromFile(Hosts.ClientKey.PrivateKeyPath),
            },
            Masters = new MasterPool { Count = masters },
            K3sInstallScriptUrl = Hosts.InstallScriptUrl,
        };
        foreach (var (pool, count) in pools)
        {
            args.NodePools.Add(new NodePool(pool) { Count = count });
        }

        return new Cluster(name, args);
    }

    /// <summary>A DigitalOcean cluster wired to this world.</summary>
    public Cluster DigitalOceanCluster(string name, int masters = 1, params (string Pool, int Count)[] pools)
    {
        var args = new ClusterArgs
        {
            Provider = new DigitalOceanProvider
            {
                Token = Secret.Literal(DigitalOcean!.Options.Token),
                SshPublicKeyFile = Hosts.ClientKey.PublicKeyPath,
                SshPrivateKey = Secret.FromFile(Hosts.ClientKey.PrivateKeyPath),
            },
            Masters = new MasterPool { Count = masters },
            K3sInstallScriptUrl = Hosts.InstallScriptUrl,
        };
        foreach (var (pool, count) in pools)
        {
            args.NodePools.Add(new NodePool(pool) { Count = count });
        }

        return new Cluster(name, args);
    }

    /// <summary>Registers a machine made by the test (SSH machines) so the simulated kubelet serves it.</summary>
    public void AddMachine(SshHost host)
    {
        host.SetK3sRestartGate(true);
        byServer[$"machine-{host.Id}"] = host;
    }

    /// <summary>Names of the Ready nodes in the API server.</summary>
    public IReadOnlyList<string> ReadyNodes() =>
        [.. Kubernetes.List("v1", "Node").Select(n => n["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>
    /// A Running, Ready pod <c>db-0</c> on <paramref name="node"/> and a PodDisruptionBudget (minAvailable 1) over it, so
    /// no drain may evict it.
    /// </summary>
    /// <param name="node">The node the pod runs on.</param>
    public async Task AddGuardedPodAsync(string node)
    {
        Kubernetes.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "db-0", ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "db" } },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(new JsonObject { ["name"] = "db", ["image"] = "postgres" }) },
        });
        using (var client = Kubernetes.CreateClient())
        {
            // Running and Ready, as a kubelet would report, so the budget counts it as healthy.
            await client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch("{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}", V1Patch.PatchType.MergePatch), "db-0", "default");
        }

        Kubernetes.Create(new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "PodDisruptionBudget",
            ["metadata"] = new JsonObject { ["name"] = "db", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["minAvailable"] = 1, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "db" } } },
        });
    }

    /// <summary>Every progress line so far, as text.</summary>
    public string Transcript() => string.Join('\n', Events.Select(e => e.ToString()));

    public async ValueTask DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        if (Hetzner is not null)
        {
            await Hetzner.DisposeAsync();
        }

        if (DigitalOcean is not null)
        {
            await DigitalOcean.DisposeAsync();
        }

        await Kubernetes.DisposeAsync();
        await Hosts.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Sink(ConcurrentQueue<ProvisionEvent> events) : IProgress<ProvisionEvent>
    {
        public void Report(ProvisionEvent value) => events.Enqueue(value);
    }
}

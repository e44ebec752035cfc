using System.Collections.Concurrent;
using System.Security.Cryptography;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.Ssh;

namespace ShapeBlock.Sdk.Provisioning.K3s;

/// <summary>A node to run k3s on and how to reach it.</summary>
internal sealed record K3sNode(PlannedNode Node, SshTarget Target);

/// <summary>
/// Installs k3s over SSH on a set of nodes that already exist: preflight everywhere, then the first server (or the
/// token and kubeconfig recovered from one that already runs), the other servers one at a time (etcd membership
/// changes one by one), the agents in parallel, and finally waits until every node is Ready in the API. The flags
/// are the plan's (<see cref="K3sSteps"/>), rendered with the machines' real addresses.
/// </summary>
internal sealed class K3sInstallation(Cluster cluster, ProvisionOptions options, KnownHosts knownHosts, SecretScrubber scrubber, IProgress<ProvisionEvent>? progress)
{
    private readonly ConcurrentBag<string> warnings = [];

    public IReadOnlyList<string> Warnings => [.. warnings];

    /// <summary>Installs (or completes) k3s on <paramref name="declared"/> (masters first); returns the kubeconfig pointing at <paramref name="apiAddress"/>.</summary>
    public async Task<string> RunAsync(IReadOnlyList<K3sNode> declared, string apiAddress, CancellationToken ct)
    {
        var interfaces = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var hosts = new ConcurrentDictionary<string, RemoteHost>(StringComparer.Ordinal);
        try
        {
            var refusals = new ConcurrentBag<string>();
            await Phase.RunAsync(progress, "ssh: preflight", $"connecting to {declared.Count} host(s) and checking memory, architecture, OS, disk, root rights, private interface", () =>
                ForEachAsync(declared, async (node, token) =>
                {
                    var host = await RemoteHost.ConnectAsync(node.Target, knownHosts, options.SshConnectTimeout, options.Time, token).ConfigureAwait(false);
                    hosts[node.Node.Name] = host;
                    var facts = await Preflight.ReadAsync(host, options.SshCommandTimeout, token).ConfigureAwait(false);
                    var (problems, found) = Preflight.Judge(node.Target, facts, options.Force);
                    foreach (var warning in found)
                    {
                        Warn("ssh: preflight", warning);
                    }

                    foreach (var problem in problems)
                    {
                        refusals.Add(problem);
                    }

                    var (iface, missing) = FlannelInterface.Resolve(cluster, node, facts);
                    if (missing is not null)
                    {
                        refusals.Add(missing);
                    }
                    else if (iface is not null)
                    {
                        interfaces[node.Node.Name] = iface;
                    }
                }, ct)).ConfigureAwait(false);
            if (!refusals.IsEmpty)
            {
                // Every host's problems at once, so one round of fixes is enough.
                throw new ProvisioningException("Preflight refused: " + string.Join(" ", refusals.Order(StringComparer.Ordinal)));
            }

            // Flannel goes over the interface found on each host (names differ between server types and images).
            var nodes = declared.Select(n => n with { Node = n.Node with { FlannelInterface = interfaces.GetValueOrDefault(n.Node.Name) } }).ToList();

            var masters = nodes.Where(n => n.Node.Role == "master").ToList();
            var (source, token) = await Phase.RunAsync(progress, "k3s: recover", "looking for a master that already runs k3s (join token)", () => FindSourceAsync(masters, hosts, ct)).ConfigureAwait(false);
            var fresh = source is null;
            source ??= masters[0];
            token ??= NewToken();
            scrubber.Add(token);

            // The master that holds the cluster goes first: the plan gives it --cluster-init and points joins at it.
            var ordered = new List<K3sNode> { source };
            ordered.AddRange(nodes.Where(n => n != source));
            var commands = Commands(ordered, apiAddress);
            Task MastersAsync(List<K3sNode> joining) => joining.Count == 0 ? Task.CompletedTask :
                Phase.RunAsync(progress, "k3s: masters", $"k3s server on {string.Join(", ", joining.Select(n => n.Node.Name))}, one at a time (etcd membership changes one by one)", async () =>
                {
                    foreach (var node in joining)
                    {
                        await InstallAsync(hosts[node.Node.Name], commands[node.Node.Name], token, ct).ConfigureAwait(false);
                    }
                });
            Task WorkersAsync(List<K3sNode> workers) => workers.Count == 0 ? Task.CompletedTask :
                Phase.RunAsync(progress, "k3s: workers", $"k3s agent on {workers.Count} worker(s), {Math.Min(workers.Count, options.Parallelism)} at a time", () =>
                    ForEachAsync(workers, (node, t) => InstallAsync(hosts[node.Node.Name], commands[node.Node.Name], token, t), ct));

            ClusterApi? api = null;
            try
            {
                string kubeconfig;
                if (fresh)
                {
                    // A new cluster: the token is ours, so agents install while the first server starts (an agent keeps
                    // retrying until its server answers); the other servers join after the first.
                    async Task ControlPlaneAsync()
                    {
                        await Phase.RunAsync(progress, "k3s: first master", $"k3s server on {source.Node.Name} (initialises the cluster)", () =>
                            InstallAsync(hosts[source.Node.Name], commands[source.Node.Name], token, ct)).ConfigureAwait(false);
                        await MastersAsync([.. ordered.Where(n => n.Node.Role == "master" && n != source)]).ConfigureAwait(false);
                    }

                    await Task.WhenAll(ControlPlaneAsync(), WorkersAsync([.. ordered.Where(n => n.Node.Role == "worker")])).ConfigureAwait(false);
                    kubeconfig = await KubeconfigAsync(hosts[source.Node.Name], apiAddress, ct).ConfigureAwait(false);
                    api = options.WaitForNodes ? ClusterApi.Create(kubeconfig, options) : null;
                }
                else
                {
                    kubeconfig = await KubeconfigAsync(hosts[source.Node.Name], apiAddress, ct).ConfigureAwait(false);
                    api = options.WaitForNodes ? ClusterApi.Create(kubeconfig, options) : null;

                    // First, because the kubeconfig points at the API address: a master whose certificate does not name
                    // it (1 → 3 masters adds the load balancer) would fail every call made through it.
                    await RefreshTlsSansAsync([.. ordered.Where(n => n.Node.Role == "master")], hosts, commands, token, api, ct).ConfigureAwait(false);

                    // A node is (re)installed when it is not registered in the API (an interrupted install, a new node);
                    // without the API, when its k3s unit file is missing.
                    var registered = api is null ? null : await RegisteredAsync(api, ct).ConfigureAwait(false);
                    var installed = api is null ? await MarkersAsync(ordered, hosts, ct).ConfigureAwait(false) : [];
                    bool Needed(K3sNode n) => registered is null ? !installed.Contains(n.Node.Name) : !registered.Contains(n.Node.Name);
                    var joining = ordered.Where(n => n.Node.Role == "master" && Needed(n)).ToList();
                    await Task.WhenAll(MastersAsync(joining), WorkersAsync([.. ordered.Where(n => n.Node.Role == "worker" && Needed(n))])).ConfigureAwait(false);
                }

                if (api is not null)
                {
                    await Phase.RunAsync(progress, "kubernetes: nodes ready", $"waiting until {nodes.Count} node(s) are Ready in the API", () =>
                        api.WaitReadyAsync([.. nodes.Select(n => n.Node.Name)], ct)).ConfigureAwait(false);
                }

                return kubeconfig;
            }
            finally
            {
                api?.Dispose();
            }
        }
        finally
        {
            foreach (var host in hosts.Values)
            {
                host.Dispose();
            }
        }
    }

    /// <summary>
    /// Brings the certificate SANs of masters that already run k3s up to date when the API addresses changed (a load
    /// balancer added or removed): the installer runs again with the plan's flags, which rewrites the unit and
    /// restarts k3s, and k3s serves a certificate with the new SANs. One master at a time, each Ready in the API
    /// before the next, so etcd keeps its quorum. Masters whose unit already has the SANs are not touched.
    /// </summary>
    private async Task RefreshTlsSansAsync(IReadOnlyList<K3sNode> masters, IReadOnlyDictionary<string, RemoteHost> hosts, IReadOnlyDictionary<string, Planning.HostCommand> commands, string token, ClusterApi? api, CancellationToken ct)
    {
        var stale = new ConcurrentDictionary<string, (IReadOnlyList<string> Have, IReadOnlyList<string> Want)>(StringComparer.Ordinal);
        await ForEachAsync(masters, async (master, t) =>
        {
            var unit = await hosts[master.Node.Name].RunPrivilegedAsync(K3sCommands.ReadServerUnit, [], options.SshCommandTimeout, t).ConfigureAwait(false);
            if (unit.ExitCode != 0 || unit.Output.Trim().Length == 0)
            {
                return; // Not installed yet: its install gives it the full list.
            }

            var have = K3sCommands.UnitTlsSans(unit.Output);
            var want = K3sCommands.FlagValues(commands[master.Node.Name].Arguments, "--tls-san");
            if (!have.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(want))
            {
                stale[master.Node.Name] = (have, want);
            }
        }, ct).ConfigureAwait(false);
        if (stale.IsEmpty)
        {
            return;
        }

        var ordered = masters.Where(m => stale.ContainsKey(m.Node.Name)).ToList();
        await Phase.RunAsync(progress, "k3s: tls-san", $"API addresses changed: restarting k3s on {string.Join(", ", ordered.Select(m => m.Node.Name))} one at a time with the new certificate SANs", async () =>
        {
            foreach (var master in ordered)
            {
                var (have, want) = stale[master.Node.Name];
                await InstallAsync(hosts[master.Node.Name], commands[master.Node.Name], token, ct).ConfigureAwait(false);
                if (api is not null)
                {
                    await api.WaitReadyAsync([master.Node.Name], ct).ConfigureAwait(false);
                }

                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "k3s: tls-san",
                    $"{master.Node.Name}: certificate SANs {(have.Count == 0 ? "(none)" : string.Join(", ", have))} -> {string.Join(", ", want)}; k3s restarted and Ready"));
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Runs the k3s uninstall scripts on every host that has them (workers first).</summary>
    public async Task UninstallAsync(IReadOnlyList<K3sNode> nodes, CancellationToken ct)
    {
        foreach (var group in new[] { nodes.Where(n => n.Node.Role == "worker").ToList(), nodes.Where(n => n.Node.Role == "master").ToList() })
        {
            await ForEachAsync(group, async (node, token) =>
            {
                using var host = await RemoteHost.ConnectAsync(node.Target, knownHosts, options.SshConnectTimeout, options.Time, token).ConfigureAwait(false);
                var result = await host.RunPrivilegedAsync(K3sCommands.Uninstall, [], options.SshCommandTimeout, token).ConfigureAwait(false);
                if (result.ExitCode != 0)
                {
                    throw new ProvisioningException($"Uninstalling k3s on {node.Target.Display} failed (exit {result.ExitCode}): {Tail(result.Error)}");
                }

                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "destroy", $"k3s removed from {node.Node.Name}"));
            }, ct).ConfigureAwait(false);
        }
    }

    internal static string NewToken() => "sb" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private Dictionary<string, Planning.HostCommand> Commands(IReadOnlyList<K3sNode> ordered, string apiAddress)
    {
        var builder = new PlanBuilder(cluster.Stack?.Name ?? cluster.Name);
        K3sSteps.Add(builder, cluster, [.. ordered.Select(n => n.Node)], new Dictionary<string, string>(), apiAddress);
        var plan = builder.Build();
        return ordered.ToDictionary(
            n => n.Node.Name,
            n => plan.Find($"{cluster.Name}/k3s/{n.Node.Name}")?.Script?.Commands.Single()
                ?? throw new InvalidOperationException($"The plan has no k3s step for {n.Node.Name}."),
            StringComparer.Ordinal);
    }

    private async Task<(K3sNode? Source, string? Token)> FindSourceAsync(IReadOnlyList<K3sNode> masters, IReadOnlyDictionary<string, RemoteHost> hosts, CancellationToken ct)
    {
        foreach (var master in masters)
        {
            var result = await hosts[master.Node.Name].RunPrivilegedAsync(K3sCommands.ReadToken, [], options.SshCommandTimeout, ct).ConfigureAwait(false);
            var token = result.Output.Trim();
            if (result.ExitCode == 0 && token.Length > 0)
            {
                scrubber.Add(token);
                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "k3s: recover", $"{master.Node.Name} already runs k3s; its join token is reused"));
                return (master, token);
            }
        }

        return (null, null);
    }

    private async Task<HashSet<string>?> RegisteredAsync(ClusterApi api, CancellationToken ct)
    {
        var deadline = options.Time.GetUtcNow() + options.NodeReadyTimeout;
        while (true)
        {
            try
            {
                return [.. (await api.NodesAsync(ct).ConfigureAwait(false)).Keys];
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException && !ct.IsCancellationRequested)
            {
                if (options.Time.GetUtcNow() >= deadline)
                {
                    throw new ProvisioningException($"The Kubernetes API of {cluster.Name} does not answer after {options.NodeReadyTimeout.TotalSeconds:0} s ({e.Message}). Fix: check port 6443 on the masters and the firewall's admin CIDRs; run up again.");
                }

                await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<HashSet<string>> MarkersAsync(IReadOnlyList<K3sNode> nodes, IReadOnlyDictionary<string, RemoteHost> hosts, CancellationToken ct)
    {
        var installed = new ConcurrentBag<string>();
        await ForEachAsync(nodes, async (node, token) =>
        {
            var unit = node.Node.Role == "master" ? "k3s.service" : "k3s-agent.service";
            var result = await hosts[node.Node.Name].RunAsync($"test -f /etc/systemd/system/{unit}", [], options.SshCommandTimeout, token).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                installed.Add(node.Node.Name);
            }
        }, ct).ConfigureAwait(false);
        return [.. installed];
    }

    private async Task InstallAsync(RemoteHost host, Planning.HostCommand command, string token, CancellationToken ct)
    {
        var (script, stdin) = K3sCommands.Render(command, env => env.Name == "K3S_TOKEN" ? token : throw new InvalidOperationException($"No value for secret {env.Name}."));
        var started = options.Time.GetTimestamp();
        var result = await host.RunPrivilegedAsync(script, stdin, options.SshCommandTimeout, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ProvisioningException(
                $"Installing k3s on {host.Target.Display} failed (exit {result.ExitCode}): {scrubber.Scrub(Tail(result.Error + result.Output))}. " +
                (result.ExitCode == 97 ? "Fix: check K3sInstallScriptUrl and the machine's internet access. " : "Fix: see `journalctl -u k3s` on the machine; ") + "run up again to retry.");
        }

        progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "k3s", $"{command.Description} on {host.Target.Node}", options.Time.GetElapsedTime(started)));
    }

    private async Task<string> KubeconfigAsync(RemoteHost host, string apiAddress, CancellationToken ct)
    {
        var kubeconfig = ClusterApi.Rewrite(await ReadKubeconfigAsync(host, ct).ConfigureAwait(false), options.ApiServerOverride?.GetLeftPart(UriPartial.Authority) ?? $"https://{apiAddress}:6443");
        scrubber.Add(kubeconfig);
        return kubeconfig;
    }

    private async Task<string> ReadKubeconfigAsync(RemoteHost host, CancellationToken ct)
    {
        var result = await host.RunPrivilegedAsync(K3sCommands.ReadKubeconfig, [], options.SshCommandTimeout, ct).ConfigureAwait(false);
        if (result.ExitCode != 0 || !result.Output.Contains("server:", StringComparison.Ordinal))
        {
            throw new ProvisioningException($"Cannot read the kubeconfig ({K3sSteps.KubeconfigPath}) on {host.Target.Display} (exit {result.ExitCode}). Fix: check that k3s runs there (`systemctl status k3s`); run up again.");
        }

        return result.Output;
    }

    private void Warn(string phase, string message)
    {
        warnings.Add(message);
        progress?.Report(new ProvisionEvent(ProvisionEventKind.Warning, phase, message));
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct }, async (item, token) => await body(item, token).ConfigureAwait(false));

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : string.Join(" | ", lines.TakeLast(3));
    }
}

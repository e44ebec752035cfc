using ShapeBlock.Api;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.Cloud;
using ShapeBlock.Sdk.Provisioning.DigitalOcean;
using ShapeBlock.Sdk.Provisioning.Hetzner;
using ShapeBlock.Sdk.Provisioning.K3s;
using ShapeBlock.Sdk.Provisioning.Ssh;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>
/// Provisions k3s clusters: Hetzner servers or DigitalOcean droplets (or your own SSH machines), k3s installed over
/// SSH, nodes Ready in the API. <see cref="UpAsync"/> finds what exists by label, creates what is missing, scales pools
/// to their counts and makes no change when nothing changed; <see cref="DestroyAsync"/> removes everything labelled
/// with the cluster. No state file: any machine with the program and the credentials can run either.
/// </summary>
/// <param name="options">Endpoints, timeouts, parallelism and policies; defaults when null.</param>
public sealed partial class ClusterProvisioner(ProvisionOptions? options = null)
{
    private readonly ProvisionOptions options = options ?? new ProvisionOptions();

    /// <summary>The options in use.</summary>
    public ProvisionOptions Options => options;

    /// <summary>Mutating cloud API calls of the last <see cref="UpAsync"/> or <see cref="DestroyAsync"/> (0 for an unchanged <c>up</c>).</summary>
    public int LastMutatingCalls { get; private set; }

    /// <summary>Creates or completes the cluster, scales it to the declared counts and returns its kubeconfig, endpoint and nodes.</summary>
    /// <param name="cluster">The cluster (Hetzner, DigitalOcean or SSH machines).</param>
    /// <param name="progress">Receives timed phases, steps and warnings (never a secret).</param>
    /// <param name="cancellationToken">Cancels; the next <c>up</c> continues where this one stopped.</param>
    /// <returns>Kubeconfig, API endpoint and nodes.</returns>
    /// <exception cref="ProvisioningException">Something failed; the message names the resource or host and the fix.</exception>
    public async Task<ProvisionResult> UpAsync(Cluster cluster, IProgress<ProvisionEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var scrubber = new SecretScrubber();
        var sink = scrubber.Wrap(progress);
        return await Guard(scrubber, () => cluster.Args.Provider switch
        {
            HetznerProvider or DigitalOceanProvider => UpCloudAsync(cluster, scrubber, sink, cancellationToken),
            SshMachines ssh => UpMachinesAsync(cluster, ssh, scrubber, sink, cancellationToken),
            _ => throw new ProvisioningException($"Cluster {cluster.Name}: provider {cluster.Args.Provider?.Kind ?? "(none)"} is not provisioned with k3s. Fix: use HetznerProvider, DigitalOceanProvider or SshMachines."),
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the cluster: every cloud resource labelled with it (then checks that none is left), or k3s from SSH
    /// machines. Running it again does nothing.
    /// </summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="progress">Receives what was removed.</param>
    /// <param name="cancellationToken">Cancels; running destroy again continues.</param>
    /// <returns>A task.</returns>
    public async Task DestroyAsync(Cluster cluster, IProgress<ProvisionEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var scrubber = new SecretScrubber();
        var sink = scrubber.Wrap(progress);
        await Guard(scrubber, async () =>
        {
            switch (cluster.Args.Provider)
            {
                case HetznerProvider or DigitalOceanProvider:
                    using (var cloud = CreateCloud(cluster, scrubber, needKey: false))
                    {
                        var machines = await cloud.ListMachinesAsync(cancellationToken).ConfigureAwait(false);
                        await Phase.RunAsync(sink, "destroy", $"deleting everything labelled {Labels.Cluster}={cluster.Name} in {cloud.Provider}", () => cloud.DestroyAsync(sink, cancellationToken)).ConfigureAwait(false);
                        var left = await cloud.RemainingAsync(cancellationToken).ConfigureAwait(false);
                        LastMutatingCalls = cloud.MutatingCalls;
                        if (left.Count > 0)
                        {
                            throw new ProvisioningException($"Destroy of {cluster.Name} left {string.Join(", ", left)} in {cloud.Provider}. Run destroy again; if it stays, delete them in the console.");
                        }

                        // The servers are gone; their addresses will be handed to other servers with other host keys.
                        var knownHosts = KnownHosts();
                        foreach (var machine in machines.Where(m => m.PublicAddress is not null))
                        {
                            knownHosts.Forget(machine.PublicAddress!, 22);
                        }
                    }

                    break;
                case SshMachines ssh:
                    var installation = new K3sInstallation(cluster, options, KnownHosts(), scrubber, sink);
                    await Phase.RunAsync(sink, "destroy", $"uninstalling k3s from {ssh.Masters.Count + ssh.Workers.Count} machine(s)", () =>
                        installation.UninstallAsync(MachineNodes(cluster, ssh, scrubber), cancellationToken)).ConfigureAwait(false);
                    break;
                default:
                    throw new ProvisioningException($"Cluster {cluster.Name}: provider {cluster.Args.Provider?.Kind ?? "(none)"} has nothing to destroy here.");
            }

            return true;
        }).ConfigureAwait(false);
    }

    private async Task<ProvisionResult> UpCloudAsync(Cluster cluster, SecretScrubber scrubber, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        CheckMasters(cluster, cluster.Args.Masters.Count);
        CheckAdminCidrs(cluster);
        var planned = NodeLayout.Nodes(new PlanBuilder(cluster.Stack?.Name ?? cluster.Name), cluster);
        var privateKey = PrivateKey(cluster, scrubber);
        using var cloud = CreateCloud(cluster, scrubber, needKey: true);
        var knownHosts = KnownHosts();

        var existing = await Phase.RunAsync(progress, "cloud: discover", $"finding resources labelled {Labels.Cluster}={cluster.Name} in {cloud.Provider}", () => cloud.ListMachinesAsync(ct)).ConfigureAwait(false);
        var declared = planned.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var extra = existing.Where(m => !declared.Contains(m.Name)).ToList();
        CheckQuorum(cluster, existing, extra);
        var resizes = await PlanResizesAsync(cluster, cloud, planned, existing, ct).ConfigureAwait(false);

        await Phase.RunAsync(progress, "cloud: foundation", "SSH key, private network, firewall, placement group", () => cloud.EnsureFoundationAsync(ct)).ConfigureAwait(false);
        var extraLabels = cluster.Stack is { } stack ? new Dictionary<string, string> { [Labels.Stack] = stack.Name } : new Dictionary<string, string>();
        var missing = planned.Count(n => !existing.Any(m => m.Name == n.Name));
        var machines = new System.Collections.Concurrent.ConcurrentDictionary<string, CloudMachine>(StringComparer.Ordinal);
        await Phase.RunAsync(progress, "cloud: servers", $"{planned.Count} server(s), {missing} to create, {Math.Min(Math.Max(missing, 1), options.Parallelism)} at a time", () =>
            Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct }, async (node, token) =>
            {
                machines[node.Name] = await cloud.EnsureMachineAsync(new MachineSpec(node.Name, node.Role, node.Pool, node.Size, extraLabels), token).ConfigureAwait(false);
            })).ConfigureAwait(false);

        var masters = planned.Where(n => n.Role == "master").ToList();
        var apiAddress = masters.Count > 1
            ? await Phase.RunAsync(progress, "cloud: load balancer", $"API load balancer {cluster.Name}-api in front of {masters.Count} masters", () => cloud.EnsureApiLoadBalancerAsync(ct)).ConfigureAwait(false)
            : machines[masters[0].Name].PublicAddress!;

        var nodes = planned.Select(n =>
        {
            var machine = machines[n.Name];
            var node = n with { PublicAddress = machine.PublicAddress!, PrivateAddress = machine.PrivateAddress! };
            return new K3sNode(node, new SshTarget(n.Name, machine.PublicAddress!, 22, "root", privateKey.Value, privateKey.Source, Sudo: false));
        }).ToList();
        var installation = new K3sInstallation(cluster, options, knownHosts, scrubber, progress);
        var kubeconfig = await installation.RunAsync(nodes, apiAddress, ct).ConfigureAwait(false);
        await ResizeAsync(cloud, kubeconfig, resizes, planned, progress, ct).ConfigureAwait(false);

        if (extra.Count > 0)
        {
            await Phase.RunAsync(progress, "scale down", $"removing {string.Join(", ", extra.Select(m => m.Name))}", async () =>
            {
                using var api = options.WaitForNodes ? ClusterApi.Create(kubeconfig, options) : null;
                // Workers first; masters last so the control plane keeps quorum as long as possible.
                foreach (var machine in extra.OrderBy(m => m.Role == "master"))
                {
                    if (api is not null)
                    {
                        await api.DrainAndDeleteAsync(machine.Name, progress, ct).ConfigureAwait(false);
                    }

                    await cloud.DeleteMachineAsync(machine, ct).ConfigureAwait(false);
                    if (machine.PublicAddress is not null)
                    {
                        knownHosts.Forget(machine.PublicAddress, 22);
                    }

                    progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "scale down", $"removed {machine.Name}"));
                }

                // Down to one master: the API is that master's address now; the load balancer in front of the old
                // masters would only cost money.
                if (masters.Count == 1 && extra.Any(m => m.Role == "master") && await cloud.DeleteApiLoadBalancerAsync(ct).ConfigureAwait(false))
                {
                    progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "scale down", $"removed the API load balancer {cluster.Name}-api (one master left)"));
                }
            }).ConfigureAwait(false);
        }

        LastMutatingCalls = cloud.MutatingCalls;
        return new ProvisionResult(kubeconfig, $"https://{apiAddress}:6443",
            [.. nodes.Select(n => new ProvisionedNode(n.Node.Name, n.Node.Role, n.Node.Pool, n.Node.PublicAddress, n.Node.PrivateAddress))], installation.Warnings);
    }

    private async Task<ProvisionResult> UpMachinesAsync(Cluster cluster, SshMachines ssh, SecretScrubber scrubber, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        CheckMasters(cluster, ssh.Masters.Count);
        var nodes = MachineNodes(cluster, ssh, scrubber);
        var apiAddress = ssh.ApiEndpoint ?? ssh.Masters[0].Address;
        var installation = new K3sInstallation(cluster, options, KnownHosts(), scrubber, progress);
        var kubeconfig = await installation.RunAsync(nodes, apiAddress, ct).ConfigureAwait(false);
        var warnings = installation.Warnings.ToList();
        if (options.WaitForNodes)
        {
            // Hosts taken off the list: drain and remove their nodes (the machines are yours; k3s stays on them).
            using var api = ClusterApi.Create(kubeconfig, options);
            var declared = nodes.Select(n => n.Node.Name).ToHashSet(StringComparer.Ordinal);
            var gone = (await api.NodesAsync(ct).ConfigureAwait(false)).Keys.Where(n => n.StartsWith(cluster.Name + "-", StringComparison.Ordinal) && !declared.Contains(n)).ToList();
            foreach (var node in gone)
            {
                await Phase.RunAsync(progress, "scale down", $"draining and removing node {node}", () => api.DrainAndDeleteAsync(node, progress, ct)).ConfigureAwait(false);
                var warning = $"node {node} was removed from the cluster; k3s is still installed on its machine (run k3s-agent-uninstall.sh there).";
                warnings.Add(warning);
                progress?.Report(new ProvisionEvent(ProvisionEventKind.Warning, "scale down", warning));
            }
        }

        LastMutatingCalls = 0;
        return new ProvisionResult(kubeconfig, $"https://{apiAddress}:6443",
            [.. nodes.Select(n => new ProvisionedNode(n.Node.Name, n.Node.Role, n.Node.Pool, n.Node.PublicAddress, n.Node.PrivateAddress))], warnings);
    }

    private List<K3sNode> MachineNodes(Cluster cluster, SshMachines ssh, SecretScrubber scrubber)
    {
        var planned = NodeLayout.Nodes(new PlanBuilder(cluster.Stack?.Name ?? cluster.Name), cluster);
        return [.. planned.Select(n =>
        {
            var host = n.Host!;
            if (host.UseAgent && host.PrivateKey is null)
            {
                // The agent signs; its keys never pass through here.
                var socket = options.SshAgentSocket ?? Environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
                if (string.IsNullOrEmpty(socket))
                {
                    throw new ProvisioningException($"Host {host.Address} ({n.Name}) uses the SSH agent, but SSH_AUTH_SOCK is not set. Fix: start an agent and add your key (eval \"$(ssh-agent)\"; ssh-add ~/.ssh/id_ed25519), or set PrivateKey on the host.");
                }

                return new K3sNode(n, new SshTarget(n.Name, host.Address, host.Port, host.User, "", $"SSH agent {socket}", host.Sudo) { AgentSocket = socket });
            }

            var secret = host.PrivateKey ?? ssh.PrivateKey
                ?? throw new ProvisioningException($"Host {host.Address} ({n.Name}) has no SSH private key. Fix: set PrivateKey on the host or on SshMachines (e.g. Secret.FromFile(\"~/.ssh/id_ed25519\")).");
            var key = Reveal(secret, $"SSH private key of {host.Address}", scrubber);
            return new K3sNode(n, new SshTarget(n.Name, host.Address, host.Port, host.User, key, secret.Source, host.Sudo));
        })];
    }

    private static void CheckMasters(Cluster cluster, int count)
    {
        if (count is not (1 or 3 or 5))
        {
            throw new ProvisioningException($"Cluster {cluster.Name}: {count} masters; k3s with embedded etcd needs 1, 3 or 5. Fix: set Masters.Count (or list the master hosts) to 1, 3 or 5.");
        }
    }

    private void CheckQuorum(Cluster cluster, IReadOnlyList<CloudMachine> existing, IReadOnlyList<CloudMachine> extra)
    {
        var current = existing.Count(m => m.Role == "master");
        var removed = extra.Count(m => m.Role == "master");
        var remaining = current - removed;
        if (removed > 0 && remaining < (current / 2) + 1 && !options.Force)
        {
            throw new ProvisioningException(
                $"Cluster {cluster.Name}: going from {current} to {remaining} master(s) removes more than etcd's quorum allows ({(current / 2) + 1} of {current} must stay). " +
                "Nothing was changed. Fix: keep the master count, or run up --force (ProvisionOptions.Force) to remove them anyway (back up etcd first).");
        }
    }

    /// <summary>Refuses <see cref="ClusterArgs.AdminCidrs"/> the firewall cannot take, before any cloud call (destroy does not need them).</summary>
    private static void CheckAdminCidrs(Cluster cluster)
    {
        var cidrs = cluster.Args.AdminCidrs;
        if (cidrs is null || cidrs.Count == 0)
        {
            throw new ProvisioningException($"Cluster {cluster.Name}: AdminCidrs is empty, so SSH and the Kubernetes API would be unreachable. Fix: list your address (e.g. AdminCidrs = [\"203.0.113.7/32\"]) or leave it unset for anywhere.");
        }

        foreach (var cidr in cidrs)
        {
            if (!Validation.Cidr.TryCanonical(cidr, out _, out var problem))
            {
                throw new ProvisioningException($"Cluster {cluster.Name}: AdminCidrs {problem}.");
            }
        }
    }

    private ICloud CreateCloud(Cluster cluster, SecretScrubber scrubber, bool needKey)
    {
        switch (cluster.Args.Provider)
        {
            case HetznerProvider hetzner:
            {
                var token = Reveal(hetzner.Token ?? throw new ProvisioningException($"Cluster {cluster.Name}: the Hetzner API token is not set. Fix: set Token = Secret.FromEnvironment(\"HCLOUD_TOKEN\")."), "Hetzner API token", scrubber);
                var client = new HetznerClient(options.HetznerApiUrl ?? HetznerClient.DefaultUrl, token, options.Retry, options.Time, options.PollInterval);
                return new HetznerCloud(client, cluster.Name, hetzner, cluster.Args.AdminSources, needKey ? PublicKey(cluster, hetzner.SshPublicKeyFile) : "", options);
            }

            case DigitalOceanProvider digitalOcean:
            {
                var token = Reveal(digitalOcean.Token ?? throw new ProvisioningException($"Cluster {cluster.Name}: the DigitalOcean API token is not set. Fix: set Token = Secret.FromEnvironment(\"DIGITALOCEAN_TOKEN\")."), "DigitalOcean API token", scrubber);
                var client = new DigitalOceanClient(options.DigitalOceanApiUrl ?? DigitalOceanClient.DefaultUrl, token, options.Retry, options.Time, options.PollInterval);
                return new DigitalOceanCloud(client, cluster.Name, digitalOcean, cluster.Args.AdminSources, needKey ? PublicKey(cluster, digitalOcean.SshPublicKeyFile) : "", options);
            }

            default:
                throw new ProvisioningException($"Cluster {cluster.Name}: no cloud for provider {cluster.Args.Provider?.Kind}.");
        }
    }

    private (string Value, string Source) PrivateKey(Cluster cluster, SecretScrubber scrubber)
    {
        var secret = cluster.Args.Provider switch
        {
            HetznerProvider h => h.SshPrivateKey,
            DigitalOceanProvider d => d.SshPrivateKey,
            _ => null,
        } ?? throw new ProvisioningException($"Cluster {cluster.Name}: SshPrivateKey is not set (the SSH agent is not used). Fix: set SshPrivateKey = Secret.FromFile(\"~/.ssh/id_ed25519\") matching SshPublicKeyFile.");
        return (Reveal(secret, "SSH private key", scrubber), secret.Source);
    }

    private string PublicKey(Cluster cluster, string file)
    {
        var path = options.Secrets.ResolvePath(file);
        if (!File.Exists(path))
        {
            throw new ProvisioningException($"Cluster {cluster.Name}: the SSH public key file {file} does not exist. Fix: create a key (ssh-keygen -t ed25519) or set SshPublicKeyFile.");
        }

        return File.ReadAllText(path).Trim();
    }

    private string Reveal(Secret secret, string what, SecretScrubber scrubber)
    {
        if (!secret.IsAvailable(options.Secrets, out var problem))
        {
            throw new ProvisioningException($"The {what} cannot be read from {secret.Source}: {problem}. Fix: provide it there.");
        }

        var value = secret.Reveal(options.Secrets);
        scrubber.Add(value);
        return value;
    }

    private KnownHosts KnownHosts() => new(options.KnownHostsPath ?? options.Secrets.ResolvePath("~/.shapeblock/known_hosts"));

    private static async Task<T> Guard<T>(SecretScrubber scrubber, Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && scrubber.Contains(e.ToString()))
        {
            // Last line of defence: no message leaves with a secret in it (the inner exception is dropped for the same reason).
            throw new ProvisioningException(scrubber.Scrub(e.Message));
        }
    }
}

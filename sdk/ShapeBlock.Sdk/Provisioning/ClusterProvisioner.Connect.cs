using ShapeBlock.Api;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.K3s;
using ShapeBlock.Sdk.Provisioning.Ssh;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>Connecting to a cluster that exists, without creating or installing anything.</summary>
public sealed partial class ClusterProvisioner
{
    /// <summary>
    /// Finds the cluster and recovers its kubeconfig from a master that already runs k3s (read over SSH), making only
    /// reading calls to the cloud. Returns null when the cluster has not been created (no machine labelled with it, or
    /// no master runs k3s yet): <see cref="UpAsync"/> creates it.
    /// </summary>
    /// <param name="cluster">The cluster (Hetzner, DigitalOcean or SSH machines).</param>
    /// <param name="progress">Receives what was found (never a secret).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>Kubeconfig, API endpoint and the nodes as declared or found; null when there is no cluster yet.</returns>
    /// <exception cref="ProvisioningException">A cloud or host cannot be read; the message names it and the fix.</exception>
    public async Task<ProvisionResult?> ConnectAsync(Cluster cluster, IProgress<ProvisionEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var scrubber = new SecretScrubber();
        var sink = scrubber.Wrap(progress);
        return await Guard(scrubber, () => cluster.Args.Provider switch
        {
            HetznerProvider or DigitalOceanProvider => ConnectCloudAsync(cluster, scrubber, sink, cancellationToken),
            SshMachines ssh => ConnectMachinesAsync(cluster, ssh, scrubber, sink, cancellationToken),
            _ => throw new ProvisioningException($"Cluster {cluster.Name}: provider {cluster.Args.Provider?.Kind ?? "(none)"} is not provisioned with k3s. Fix: use HetznerProvider, DigitalOceanProvider or SshMachines."),
        }).ConfigureAwait(false);
    }

    private async Task<ProvisionResult?> ConnectCloudAsync(Cluster cluster, SecretScrubber scrubber, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        using var cloud = CreateCloud(cluster, scrubber, needKey: false);
        var machines = await Phase.RunAsync(progress, "cloud: discover", $"finding resources labelled {Labels.Cluster}={cluster.Name} in {cloud.Provider}", () => cloud.ListMachinesAsync(ct)).ConfigureAwait(false);
        var masters = machines.Where(m => m.Role == "master" && m.PublicAddress is not null).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        if (masters.Count == 0)
        {
            return null;
        }

        var apiAddress = masters.Count > 1
            ? await cloud.FindApiLoadBalancerAsync(ct).ConfigureAwait(false)
                ?? throw new ProvisioningException($"Cluster {cluster.Name} has {masters.Count} masters but no API load balancer {cluster.Name}-api in {cloud.Provider}. Fix: run up to complete the cluster.")
            : masters[0].PublicAddress!;
        var privateKey = PrivateKey(cluster, scrubber);
        var targets = masters.Select(m => new SshTarget(m.Name, m.PublicAddress!, 22, "root", privateKey.Value, privateKey.Source, Sudo: false)).ToList();
        var nodes = machines.OrderBy(m => m.Role != "master").ThenBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new ProvisionedNode(m.Name, m.Role, m.Pool, m.PublicAddress ?? "", m.PrivateAddress ?? "")).ToList();
        return await RecoverAsync(cluster, targets, nodes, apiAddress, scrubber, progress, ct).ConfigureAwait(false);
    }

    private Task<ProvisionResult?> ConnectMachinesAsync(Cluster cluster, SshMachines ssh, SecretScrubber scrubber, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        var declared = MachineNodes(cluster, ssh, scrubber);
        var masters = declared.Where(n => n.Node.Role == "master").Select(n => n.Target).ToList();
        var nodes = declared.Select(n => new ProvisionedNode(n.Node.Name, n.Node.Role, n.Node.Pool, n.Node.PublicAddress, n.Node.PrivateAddress)).ToList();
        return RecoverAsync(cluster, masters, nodes, ssh.ApiEndpoint ?? ssh.Masters[0].Address, scrubber, progress, ct);
    }

    /// <summary>Reads the kubeconfig from the first master that holds a join token (runs k3s); null when none does.</summary>
    private async Task<ProvisionResult?> RecoverAsync(Cluster cluster, IReadOnlyList<SshTarget> masters, IReadOnlyList<ProvisionedNode> nodes, string apiAddress, SecretScrubber scrubber, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        var knownHosts = KnownHosts();
        return await Phase.RunAsync(progress, "k3s: recover", $"reading the kubeconfig from a master of {cluster.Name} that runs k3s", async () =>
        {
            foreach (var target in masters)
            {
                using var host = await RemoteHost.ConnectAsync(target, knownHosts, options.SshConnectTimeout, options.Time, ct).ConfigureAwait(false);
                var token = await host.RunPrivilegedAsync(K3sCommands.ReadToken, [], options.SshCommandTimeout, ct).ConfigureAwait(false);
                scrubber.Add(token.Output.Trim());
                if (token.ExitCode != 0 || token.Output.Trim().Length == 0)
                {
                    continue;
                }

                var read = await host.RunPrivilegedAsync(K3sCommands.ReadKubeconfig, [], options.SshCommandTimeout, ct).ConfigureAwait(false);
                scrubber.Add(read.Output);
                if (read.ExitCode != 0 || !read.Output.Contains("server:", StringComparison.Ordinal))
                {
                    throw new ProvisioningException($"Cannot read the kubeconfig on {target.Display} (exit {read.ExitCode}) although k3s runs there. Fix: check `systemctl status k3s` on the machine; run up again.");
                }

                var kubeconfig = ClusterApi.Rewrite(read.Output, options.ApiServerOverride?.GetLeftPart(UriPartial.Authority) ?? $"https://{apiAddress}:6443");
                scrubber.Add(kubeconfig);
                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "k3s: recover", $"kubeconfig read from {target.Node}"));
                return new ProvisionResult(kubeconfig, $"https://{apiAddress}:6443", nodes, []);
            }

            return (ProvisionResult?)null;
        }).ConfigureAwait(false);
    }
}

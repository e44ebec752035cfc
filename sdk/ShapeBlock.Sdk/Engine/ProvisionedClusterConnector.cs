using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning;
using ShapeBlock.Sdk.Provisioning.Cloud;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Reaches clusters ShapeBlock makes itself (Hetzner, DigitalOcean, SSH machines) through
/// <see cref="ClusterProvisioner"/>: <c>up</c> creates or completes the machines and k3s, then hands the recovered
/// kubeconfig to the engine; <c>status</c>, <c>kubeconfig</c> and the diff before <c>up</c> only read (the kubeconfig
/// comes from a master over SSH); <c>destroy</c> deletes the machines and everything labelled with the cluster.
/// Provisioning phases are reported as engine events (secret values masked by the provisioner).
/// </summary>
/// <param name="options">Cloud endpoints, timeouts and policies; defaults when null. Secrets are always read from the program's <see cref="SecretResolver"/>.</param>
public sealed class ProvisionedClusterConnector(ProvisionOptions? options = null) : IInfrastructureConnector, IInfrastructureInspector
{
    /// <summary>The longest a connect-only run (status, kubeconfig, the diff before up, preview) tries to reach a master over SSH.</summary>
    public static TimeSpan FindConnectTimeout { get; } = TimeSpan.FromSeconds(15);

    private readonly ProvisionOptions options = options ?? new ProvisionOptions();

    /// <inheritdoc />
    public bool Supports(NodeSource source) => source is HetznerProvider or DigitalOceanProvider or SshMachines;

    /// <inheritdoc />
    public async Task<ClusterConnection> ConnectAsync(ClusterConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Provision)
        {
            return await FindAsync(request, cancellationToken).ConfigureAwait(false)
                ?? throw new ClusterUnreachableException($"cluster '{request.Cluster.Name}' ({request.Cluster.Args.Provider!.Describe()}) has not been created yet: no master running k3s was found. Run 'up' to create it.");
        }

        CheckCredentials(request);
        var provisioner = Provisioner(request);
        try
        {
            var result = await provisioner.UpAsync(request.Cluster, Progress(request), cancellationToken).ConfigureAwait(false);
            return Connection(request, result);
        }
        catch (ProvisioningException e)
        {
            throw new ApplyFailedException($"{request.Cluster.Name}: provisioning failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task<ClusterConnection?> FindAsync(ClusterConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckCredentials(request);
        try
        {
            // Reading needs machines that already run: no point waiting minutes for an sshd that is not there (preview).
            var reader = new ClusterProvisioner(options with { Secrets = request.Secrets, SshConnectTimeout = Min(options.SshConnectTimeout, FindConnectTimeout) });
            var result = await reader.ConnectAsync(request.Cluster, Progress(request), cancellationToken).ConfigureAwait(false);
            return result is null ? null : Connection(request, result);
        }
        catch (ProvisioningException e)
        {
            throw new ClusterUnreachableException($"{request.Cluster.Name}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task<InfrastructureState> InspectAsync(ClusterConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckCredentials(request);
        CloudInventory? inventory;
        try
        {
            inventory = await new ClusterProvisioner(options with { Secrets = request.Secrets }).InspectAsync(request.Cluster, cancellationToken).ConfigureAwait(false);
        }
        catch (ProvisioningException e)
        {
            throw new ClusterUnreachableException($"{request.Cluster.Name}: {e.Message}", e);
        }

        return CloudDiff.State(request, inventory);
    }

    /// <inheritdoc />
    public async Task DestroyAsync(ClusterConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckCredentials(request);
        try
        {
            await Provisioner(request).DestroyAsync(request.Cluster, Progress(request), cancellationToken).ConfigureAwait(false);
        }
        catch (ProvisioningException e)
        {
            throw new ApplyFailedException($"{request.Cluster.Name}: destroying the infrastructure failed: {e.Message}", e);
        }
    }

    /// <summary>The ingress is served on every node (k3s ServiceLB); the first master's public address is the one to name (the API load balancer forwards 6443 only).</summary>
    private static ClusterConnection Connection(ClusterConnectRequest request, ProvisionResult result) =>
        new(request.Cluster.Name, result.Kubeconfig, null)
        {
            IngressAddress = result.Nodes.FirstOrDefault(n => n.Role == "master" && n.PublicAddress.Length > 0)?.PublicAddress,
        };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private ClusterProvisioner Provisioner(ClusterConnectRequest request) => new(options with { Secrets = request.Secrets, Force = options.Force || request.Force });

    /// <summary>Missing tokens and keys are the user's to provide (exit code 3), not a failure of the cloud.</summary>
    private static void CheckCredentials(ClusterConnectRequest request)
    {
        var source = request.Cluster.Args.Provider!;
        var required = source switch
        {
            HetznerProvider h => [("Hetzner API token", h.Token, "Token = Secret.FromEnvironment(\"HCLOUD_TOKEN\")"), ("SSH private key", h.SshPrivateKey, "SshPrivateKey = Secret.FromFile(\"~/.ssh/id_ed25519\")")],
            DigitalOceanProvider d => [("DigitalOcean API token", d.Token, "Token = Secret.FromEnvironment(\"DIGITALOCEAN_TOKEN\")"), ("SSH private key", d.SshPrivateKey, "SshPrivateKey = Secret.FromFile(\"~/.ssh/id_ed25519\")")],
            _ => new List<(string What, Secret? Secret, string Fix)>(),
        };
        var problems = new List<string>();
        foreach (var (what, secret, fix) in required)
        {
            if (secret is null)
            {
                problems.Add($"the {what} is not set (set {fix})");
            }
        }

        foreach (var (what, secret) in source.Credentials)
        {
            if (!secret.IsAvailable(request.Secrets, out var problem))
            {
                problems.Add($"the {what} cannot be read: {problem}");
            }
        }

        if (problems.Count > 0)
        {
            throw new MissingCredentialsException($"cluster '{request.Cluster.Name}' ({source.Describe()}): {string.Join("; ", problems)}.");
        }
    }

    private static EventProgress Progress(ClusterConnectRequest request) => new(request.Reporter, request.Cluster.Name);

    /// <summary>Provisioning phases as engine events: started → waiting, completed → ready (with its duration), the rest as log lines.</summary>
    private sealed class EventProgress(IEngineReporter? reporter, string cluster) : IProgress<ProvisionEvent>
    {
        public void Report(ProvisionEvent value)
        {
            var kind = value.Kind switch
            {
                ProvisionEventKind.PhaseStarted => EngineEventKind.Waiting,
                ProvisionEventKind.PhaseCompleted => EngineEventKind.Ready,
                _ => EngineEventKind.Log,
            };
            reporter?.Report(new EngineEvent(kind, cluster, "provision", value.ToString()));
        }
    }
}

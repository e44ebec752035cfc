using ShapeBlock.Sdk.Provisioning.Http;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>How <see cref="ClusterProvisioner"/> talks to clouds and hosts: endpoints, timeouts, parallelism, policies.</summary>
public sealed record ProvisionOptions
{
    /// <summary>Where secrets (tokens, keys) and <c>~</c> paths are read.</summary>
    public SecretResolver Secrets { get; init; } = SecretResolver.Process;

    /// <summary>The Hetzner Cloud API root; <c>https://api.hetzner.cloud/v1</c> when null.</summary>
    public Uri? HetznerApiUrl { get; init; }

    /// <summary>The DigitalOcean API root; <c>https://api.digitalocean.com/v2</c> when null.</summary>
    public Uri? DigitalOceanApiUrl { get; init; }

    /// <summary>Retries and per-attempt timeout of cloud API calls.</summary>
    public CloudRetryOptions Retry { get; init; } = new();

    /// <summary>How often actions, servers and nodes are polled while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a new server/droplet may take to run with its addresses.</summary>
    public TimeSpan ServerReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a cloud action (create, delete, attach…) may run.</summary>
    public TimeSpan ActionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to keep trying to reach a host over SSH (a new server's sshd takes a while to start).</summary>
    public TimeSpan SshConnectTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long one remote command (the k3s installer) may run.</summary>
    public TimeSpan SshCommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long nodes may take to become Ready in the Kubernetes API.</summary>
    public TimeSpan NodeReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long draining a node (evictions, honouring PodDisruptionBudgets) may take when scaling down.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How many machines are created, checked and installed at the same time.</summary>
    public int Parallelism { get; init; } = 10;

    /// <summary>The SSH agent's socket for SSH machines with <c>UseAgent</c>; the <c>SSH_AUTH_SOCK</c> environment variable when null.</summary>
    public string? SshAgentSocket { get; init; }

    /// <summary>The trust-on-first-use record of SSH host keys; <c>~/.shapeblock/known_hosts</c> when null.</summary>
    public string? KnownHostsPath { get; init; }

    /// <summary>
    /// Allow what is refused by default: hosts under the memory minimum, removing masters below quorum, finishing a
    /// drain whose evictions are still blocked at the timeout.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>Wait until every node is Ready in the Kubernetes API (the default); false returns after the installs.</summary>
    public bool WaitForNodes { get; init; } = true;

    /// <summary>
    /// Reach the Kubernetes API at this URL instead of <c>https://&lt;endpoint&gt;:6443</c> (an SSH tunnel, a proxy);
    /// the returned kubeconfig points there too.
    /// </summary>
    public Uri? ApiServerOverride { get; init; }

    /// <summary>The clock (tests step it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

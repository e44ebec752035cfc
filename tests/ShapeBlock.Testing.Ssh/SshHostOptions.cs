namespace ShapeBlock.Testing.Ssh;

/// <summary>How to make one SSH test host.</summary>
public sealed record SshHostOptions
{
    /// <summary>Loopback port or network namespace.</summary>
    public SshHostMode Mode { get; init; } = SshHostMode.Loopback;

    /// <summary>A name for logs and records (e.g. the server name in the fake cloud).</summary>
    public string? Name { get; init; }

    /// <summary>Memory the host reports in <c>/proc/meminfo</c> (and so in <c>free</c>); null reports the real machine's.</summary>
    public int? MemoryMiB { get; init; }

    /// <summary>What the stub <c>k3s server</c> writes to <c>/etc/rancher/k3s/k3s.yaml</c>; null writes a placeholder kubeconfig.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Place the stub k3s binary at <c>/usr/local/bin/k3s</c> before start (for <c>INSTALL_K3S_SKIP_DOWNLOAD=true</c>).</summary>
    public bool PreinstallK3s { get; init; } = true;

    /// <summary>
    /// More network interfaces inside the host's namespace (<see cref="SshHostMode.Namespace"/> only), e.g. the private
    /// network's <c>enp7s0</c> with the address the fake cloud reports; each is one end of a veth pair whose other end
    /// stays in the namespace unconfigured (no traffic flows: they are there to be found by <c>ip addr</c>).
    /// </summary>
    public IReadOnlyList<SshHostInterface> Interfaces { get; init; } = [];

    /// <summary>Extra public keys allowed to log in as root, besides the factory's client key.</summary>
    public IReadOnlyList<string> AuthorizedKeys { get; init; } = [];
}

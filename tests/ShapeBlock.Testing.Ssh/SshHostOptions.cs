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

    /// <summary>Extra public keys allowed to log in as root, besides the factory's client key.</summary>
    public IReadOnlyList<string> AuthorizedKeys { get; init; } = [];
}

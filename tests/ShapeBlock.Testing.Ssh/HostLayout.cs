namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// Where everything of one host lives under its directory. The host's private view of <c>/etc</c>,
/// <c>/usr/local</c> and <c>/var</c> is an overlay whose upper layer is <c>fs/&lt;name&gt;/upper</c>;
/// <c>/root</c> is <c>fs/root</c>.
/// </summary>
internal sealed record HostLayout(string Root)
{
    /// <summary>Overlaid directories of the host view: (folder name under <c>fs/</c>, path inside the host).</summary>
    public static readonly IReadOnlyList<(string Name, string Target)> Overlays = [("etc", "/etc"), ("usr-local", "/usr/local"), ("var", "/var")];

    public string SshDirectory => Path.Combine(Root, "ssh");

    public string HostKey => Path.Combine(SshDirectory, "ssh_host_ed25519_key");

    public string AuthorizedKeys => Path.Combine(SshDirectory, "authorized_keys");

    public string SshdConfig => Path.Combine(SshDirectory, "sshd_config");

    public string PidFile => Path.Combine(Root, "sshd.pid");

    public string Log => Path.Combine(Root, "sshd.log");

    public string StartScript => Path.Combine(Root, "start.sh");

    public string Meminfo => Path.Combine(Root, "meminfo");

    public string Home => Path.Combine(Root, "fs", "root");

    public string Behaviour => Path.Combine(Root, "k3s");

    public string Release => Path.Combine(Root, "release");

    public string Bin => Path.Combine(Root, "bin");

    public string Records => Path.Combine(Root, "records");

    /// <summary>What a stale-host cleanup needs: the netns and veth names, one per line.</summary>
    public string NetworkFile => Path.Combine(Root, "network");

    public string Upper(string overlay) => Path.Combine(Root, "fs", overlay, "upper");

    public string Work(string overlay) => Path.Combine(Root, "fs", overlay, "work");

    /// <summary>Where a path inside the host lives on disk while the host is stopped (its upper layer or home).</summary>
    /// <returns>The on-disk path in the host's own layer, or null for paths shared with the machine.</returns>
    public string? OwnLayerPath(string hostPath)
    {
        if (hostPath == "/root" || hostPath.StartsWith("/root/", StringComparison.Ordinal))
        {
            return Home + hostPath["/root".Length..];
        }

        foreach (var (name, target) in Overlays)
        {
            if (hostPath == target || hostPath.StartsWith(target + "/", StringComparison.Ordinal))
            {
                return Upper(name) + hostPath[target.Length..];
            }
        }

        return null;
    }
}

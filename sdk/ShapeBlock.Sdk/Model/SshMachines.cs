namespace ShapeBlock.Sdk.Model;

/// <summary>Your own machines reached over SSH: ShapeBlock installs (and on destroy uninstalls) k3s; it never creates or deletes machines.</summary>
public sealed class SshMachines : NodeSource
{
    /// <summary>The k3s servers: 1, 3 or 5 hosts. The first one initialises the cluster.</summary>
    public List<SshHost> Masters { get; } = [];

    /// <summary>The k3s agents; <see cref="SshHost.Pool"/> groups them (nodes are named <c>&lt;cluster&gt;-&lt;pool&gt;-&lt;n&gt;</c>).</summary>
    public List<SshHost> Workers { get; } = [];

    /// <summary>The private key for hosts that set none; the SSH agent when empty.</summary>
    public Secret? PrivateKey { get; set; }

    /// <summary>The network interface of the private network (flannel's <c>--flannel-iface</c>), e.g. <c>eth1</c>; k3s picks one when empty.</summary>
    public string? PrivateInterface { get; set; }

    /// <summary>A DNS name or address in front of the servers, added as a TLS SAN (with 3 or 5 masters).</summary>
    public string? ApiEndpoint { get; set; }

    /// <inheritdoc />
    public override string Kind => "ssh";

    /// <inheritdoc />
    public override string Describe() => $"ssh ({Masters.Count} master{(Masters.Count == 1 ? "" : "s")}, {Workers.Count} worker{(Workers.Count == 1 ? "" : "s")})";

    /// <inheritdoc />
    internal override IEnumerable<(string What, Secret Secret)> Credentials =>
        [.. (PrivateKey is null ? [] : new[] { ("SSH private key", PrivateKey) }),
         .. Masters.Concat(Workers).Where(h => h.PrivateKey is not null).Select(h => ($"SSH private key of {h.Address}", h.PrivateKey!))];
}

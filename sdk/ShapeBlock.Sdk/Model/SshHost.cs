namespace ShapeBlock.Sdk.Model;

/// <summary>A machine reached over SSH.</summary>
/// <param name="address">Host name or IP address SSH connects to.</param>
public sealed class SshHost(string address)
{
    /// <summary>Host name or IP address SSH connects to.</summary>
    public string Address { get; } = address ?? "";

    /// <summary>The SSH port.</summary>
    public int Port { get; set; } = 22;

    /// <summary>The user to log in as.</summary>
    public string User { get; set; } = "root";

    /// <summary>The private key; <see cref="SshMachines.PrivateKey"/> or the SSH agent when empty.</summary>
    public Secret? PrivateKey { get; set; }

    /// <summary>Use the SSH agent (<c>SSH_AUTH_SOCK</c>) rather than a key.</summary>
    public bool UseAgent { get; set; }

    /// <summary>Run the installer with <c>sudo</c> (needed unless <see cref="User"/> is root).</summary>
    public bool Sudo { get; set; }

    /// <summary>The address on the private network (k3s <c>--node-ip</c>); <see cref="Address"/> when empty.</summary>
    public string? PrivateAddress { get; set; }

    /// <summary>The worker pool of the host (workers only).</summary>
    public string Pool { get; set; } = "workers";

    /// <summary>Kubernetes labels of the node.</summary>
    public Dictionary<string, string> Labels { get; } = [];

    /// <summary>Taints of the node.</summary>
    public List<NodeTaint> Taints { get; } = [];
}

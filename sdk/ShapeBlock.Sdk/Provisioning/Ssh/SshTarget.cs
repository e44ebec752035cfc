namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>How to reach one machine over SSH.</summary>
/// <param name="Node">The node name, for messages.</param>
/// <param name="Address">Host name or address.</param>
/// <param name="Port">SSH port.</param>
/// <param name="User">Login user.</param>
/// <param name="PrivateKey">The private key (OpenSSH or PEM text); a secret, never printed. Empty when <see cref="AgentSocket"/> signs instead.</param>
/// <param name="KeySource">Where the key came from, safe to show (e.g. <c>file ~/.ssh/id_ed25519</c>).</param>
/// <param name="Sudo">Run privileged commands with <c>sudo</c>.</param>
internal sealed record SshTarget(string Node, string Address, int Port, string User, string PrivateKey, string KeySource, bool Sudo)
{
    /// <summary><c>root@10.0.0.2:22 (prod-master-1)</c>.</summary>
    public string Display => $"{User}@{Address}:{Port} ({Node})";

    /// <summary>The SSH agent's socket whose keys log in (no <see cref="PrivateKey"/>); null with a key.</summary>
    public string? AgentSocket { get; init; }

    /// <summary>Always the display form: the key is never printed.</summary>
    public override string ToString() => Display;
}

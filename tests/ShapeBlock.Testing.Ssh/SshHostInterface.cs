namespace ShapeBlock.Testing.Ssh;

/// <summary>A network interface an SSH test host shows (see <see cref="SshHostOptions.Interfaces"/>).</summary>
/// <param name="Name">The interface name (at most 11 characters, so its peer <c>sbp-…</c> fits Linux's 15).</param>
/// <param name="Address">An IPv4 address with prefix length, e.g. <c>10.0.1.2/32</c>.</param>
public sealed record SshHostInterface(string Name, string Address);

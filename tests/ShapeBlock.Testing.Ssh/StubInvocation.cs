namespace ShapeBlock.Testing.Ssh;

/// <summary>One recorded call of a stub tool (k3s, the installer, the uninstaller) on a host.</summary>
/// <param name="Tool"><c>k3s</c>, <c>k3s-install.sh</c> or <c>k3s-uninstall.sh</c> / <c>k3s-agent-uninstall.sh</c>.</param>
/// <param name="Sequence">Order of the call among calls of the same tool (1-based).</param>
/// <param name="Arguments">Arguments, exactly as received.</param>
/// <param name="Environment">
/// <c>K3S_*</c> and <c>INSTALL_K3S_*</c> variables. Secret values (<c>K3S_TOKEN</c>, <c>K3S_AGENT_TOKEN</c>,
/// <c>K3S_DATASTORE_ENDPOINT</c>, …) are recorded as <c>sha256:&lt;hex&gt;</c> of the value, never in clear.
/// </param>
/// <param name="User">User it ran as.</param>
/// <param name="WorkingDirectory">Working directory.</param>
public sealed record StubInvocation(
    string Tool,
    int Sequence,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string User,
    string WorkingDirectory)
{
    /// <summary>When the call started (the host's clock, which is this machine's), or null for a record without it.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>The value following a flag (<c>--node-ip 10.0.0.2</c> or <c>--node-ip=10.0.0.2</c>), or null.</summary>
    /// <param name="flag">The flag, e.g. <c>--node-ip</c>.</param>
    /// <returns>The first value.</returns>
    public string? Flag(string flag) => Flags(flag).FirstOrDefault();

    /// <summary>Every value of a repeated flag (<c>--node-label a=b --node-label c=d</c>).</summary>
    /// <param name="flag">The flag.</param>
    /// <returns>The values in order.</returns>
    public IReadOnlyList<string> Flags(string flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var values = new List<string>();
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (Arguments[i] == flag && i + 1 < Arguments.Count)
            {
                values.Add(Arguments[++i]);
            }
            else if (Arguments[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                values.Add(Arguments[i][(flag.Length + 1)..]);
            }
        }

        return values;
    }

    /// <summary>Whether a value-less flag (<c>--cluster-init</c>) is present.</summary>
    /// <param name="flag">The flag.</param>
    /// <returns>True when present.</returns>
    public bool Has(string flag) => Arguments.Contains(flag);
}

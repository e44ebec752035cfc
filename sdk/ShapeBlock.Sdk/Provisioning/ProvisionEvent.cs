namespace ShapeBlock.Sdk.Provisioning;

/// <summary>What a progress line is.</summary>
public enum ProvisionEventKind
{
    /// <summary>A phase started.</summary>
    PhaseStarted,

    /// <summary>A phase finished; <see cref="ProvisionEvent.Elapsed"/> is its duration.</summary>
    PhaseCompleted,

    /// <summary>Something was done or found.</summary>
    Info,

    /// <summary>Something works but deserves attention (e.g. a host with little memory).</summary>
    Warning,
}

/// <summary>One progress line of provisioning. Never contains a token, a key or a kubeconfig.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Phase">The phase, e.g. <c>cloud: servers</c>, <c>k3s: workers</c>.</param>
/// <param name="Message">For people.</param>
/// <param name="Elapsed">The phase's duration (<see cref="ProvisionEventKind.PhaseCompleted"/>).</param>
public sealed record ProvisionEvent(ProvisionEventKind Kind, string Phase, string Message, TimeSpan? Elapsed = null)
{
    /// <summary>One line: <c>[k3s: workers] done in 3.2 s</c>.</summary>
    public override string ToString() =>
        $"[{Phase}] {(Kind == ProvisionEventKind.Warning ? "warning: " : "")}{Message}{(Elapsed is { } e ? $" ({e.TotalSeconds:0.0} s)" : "")}";
}

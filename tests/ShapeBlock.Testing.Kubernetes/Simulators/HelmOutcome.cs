namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>What the simulated helm-controller does for a chart: install/upgrade and uninstall results, logs and the workloads of the release.</summary>
public sealed record HelmOutcome
{
    /// <summary>Whether install/upgrade Jobs succeed.</summary>
    public bool InstallSucceeds { get; init; } = true;

    /// <summary>The helm error when the install fails (printed as <c>Error: INSTALLATION FAILED: …</c>).</summary>
    public string FailureMessage { get; init; } = "context deadline exceeded";

    /// <summary>Extra log lines of the install Job (before helm's summary or error).</summary>
    public IReadOnlyList<string> InstallLogs { get; init; } = [];

    /// <summary>How long the install Job runs.</summary>
    public TimeSpan InstallDuration { get; init; }

    /// <summary>When set, the install Job keeps running until the gate opens.</summary>
    public SimulationGate? InstallGate { get; init; }

    /// <summary>Whether the uninstall Job succeeds (when it fails the HelmChart keeps its finalizer).</summary>
    public bool UninstallSucceeds { get; init; } = true;

    /// <summary>The release's workloads; null to derive them from the chart and values (see <see cref="HelmReleaseRules"/>).</summary>
    public IReadOnlyList<ReleaseWorkload>? Workloads { get; init; }

    /// <summary>Install fails with this helm error.</summary>
    /// <param name="message">The error.</param>
    /// <param name="logs">Log lines before it.</param>
    /// <returns>The outcome.</returns>
    public static HelmOutcome FailInstall(string message = "context deadline exceeded", params string[] logs) =>
        new() { InstallSucceeds = false, FailureMessage = message, InstallLogs = logs };
}

/// <summary>A workload a release creates.</summary>
/// <param name="Kind"><c>Deployment</c> or <c>StatefulSet</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Replicas">Desired replicas.</param>
/// <param name="Image">Container image.</param>
public sealed record ReleaseWorkload(string Kind, string Name, int Replicas = 1, string Image = "nginx:1.27");

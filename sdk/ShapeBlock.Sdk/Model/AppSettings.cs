namespace ShapeBlock.Sdk.Model;

/// <summary>An HTTP readiness and liveness probe.</summary>
/// <param name="Path">Path that answers 2xx/3xx when the app is healthy.</param>
public sealed record HttpHealthCheck(string Path = "/")
{
    /// <summary>The probe's port; the app's port when empty.</summary>
    public int? Port { get; init; }

    /// <summary>Seconds to wait after start before probing.</summary>
    public int? InitialDelaySeconds { get; init; }
}

/// <summary>CPU-based horizontal autoscaling.</summary>
/// <param name="MinReplicas">Fewest replicas.</param>
/// <param name="MaxReplicas">Most replicas.</param>
public sealed record Autoscale(int MinReplicas, int MaxReplicas)
{
    /// <summary>Average CPU utilisation (percent of requests) to aim for; 80 when empty.</summary>
    public int? TargetCpuPercent { get; init; }
}

/// <summary>An extra process of an app (a queue consumer, a scheduler), run from the same image as its own Deployment <c>&lt;app&gt;-&lt;name&gt;</c>.</summary>
/// <param name="Name">The worker name.</param>
/// <param name="Command">The command it runs.</param>
public sealed record Worker(string Name, params string[] Command)
{
    /// <summary>How many pods run the worker; 1 when empty.</summary>
    public int? Replicas { get; init; }
}

/// <summary>A persistent volume of an app.</summary>
/// <param name="Name">The volume name.</param>
/// <param name="MountPath">Absolute path where it is mounted.</param>
/// <param name="Size">Its size, e.g. <c>1Gi</c>.</param>
public sealed record Volume(string Name, string MountPath, string Size);

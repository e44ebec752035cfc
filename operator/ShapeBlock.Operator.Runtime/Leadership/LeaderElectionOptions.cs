namespace ShapeBlock.Operator.Runtime.Leadership;

/// <summary>Lease-based leader election settings (client-go's defaults).</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Name of the coordination.k8s.io Lease.</summary>
    public string LeaseName { get; init; } = "shapeblock-operator";

    /// <summary>Namespace of the Lease (the operator's namespace).</summary>
    public string Namespace { get; init; } = "shapeblock";

    /// <summary>This replica's identity (pod name); unique per process.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>How long a lease is valid after its last renewal: a dead leader is replaced after at most this long.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A leader that cannot renew for this long stops leading.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}

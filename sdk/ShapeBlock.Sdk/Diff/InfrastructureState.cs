namespace ShapeBlock.Sdk.Diff;

/// <summary>
/// What exists of a provisioned cluster's machines (Hetzner, DigitalOcean, SSH machines), for the cloud and host part
/// of the diff: the cloud resources found by the cluster's label, and the nodes that run k3s (registered with the API server).
/// </summary>
/// <param name="Cluster">The cluster.</param>
public sealed record InfrastructureState(string Cluster)
{
    /// <summary>Why nothing was read (credentials missing, cloud unreachable); null when it was read. The cloud and host changes then show as unknown.</summary>
    public string? NotRead { get; init; }

    /// <summary>Cloud resources that exist, by plan key (<c>hetzner server prod-master-1</c>), with the fields that differ (empty when they match).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FieldChange>> Cloud { get; init; } = new Dictionary<string, IReadOnlyList<FieldChange>>();

    /// <summary>Cloud resources labelled with the cluster that the plan no longer declares (servers of a shrunk pool), by plan-style key; <c>up</c> deletes them.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>The nodes registered with the cluster's API server (k3s runs there).</summary>
    public IReadOnlySet<string> Nodes { get; init; } = new HashSet<string>();

    /// <summary>True when the kubeconfig was read from a master (the cluster's API is up).</summary>
    public bool Connected { get; init; }
}

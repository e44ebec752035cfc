using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>Cluster-wide settings of build Jobs (from the operator's configuration; every image is pinned).</summary>
public sealed record BuildOptions
{
    /// <summary>
    /// Image of the clone step: alpine/git (git + OpenSSH client + BusyBox sh), pinned. Its entrypoint is
    /// <c>git</c>; the Job overrides the command.
    /// </summary>
    public string GitImage { get; init; } = "alpine/git:v2.52.0";

    /// <summary>
    /// kaniko executor for dockerfile builds. GoogleContainerTools/kaniko is archived; this is the
    /// osscontainertools/kaniko fork (maintained: dependency updates, fixes; same flags), pinned.
    /// </summary>
    public string KanikoImage { get; init; } = "ghcr.io/osscontainertools/kaniko:v1.28.3";

    /// <summary>Builder image of buildpack builds when the App names none (the SDK's default).</summary>
    public string DefaultBuilderImage { get; init; } = "paketobuildpacks/builder-jammy-base";

    /// <summary>CNB Platform API the lifecycle is driven with (0.13: <c>-insecure-registry</c>; lifecycle ≥ 0.18).</summary>
    public string CnbPlatformApi { get; init; } = "0.13";

    /// <summary>User and group the builder image runs the lifecycle as (Paketo: 1000:1000); the source is handed to them.</summary>
    public string BuildpackOwner { get; init; } = "1000:1000";

    /// <summary>ServiceAccount of build pods (the Project reconciler creates it; its token is not mounted).</summary>
    public string ServiceAccountName { get; init; } = "shapeblock-builder";

    /// <summary>The registry Secret when the App names none.</summary>
    public string DefaultRegistrySecret { get; init; } = "registry-creds";

    /// <summary>
    /// Seconds a finished Job (and its pod, logs and emptyDir) is kept: long enough for the operator to
    /// read the result after a restart, short enough to give a small node its disk back.
    /// </summary>
    public int TtlSecondsAfterFinished { get; init; } = 3600;

    /// <summary>The build timeout when the AppBuild gives none (the schema default).</summary>
    public int DefaultTimeoutSeconds { get; init; } = 1800;

    /// <summary>Longest run of the commit-resolving Job.</summary>
    public int ResolveTimeoutSeconds { get; init; } = 300;

    /// <summary>Resources of the build container when the AppBuild gives none.</summary>
    public ResourceRequirements DefaultResources { get; init; } = new()
    {
        Requests = new ComputeResources { Cpu = "250m", Memory = "512Mi" },
        Limits = new ComputeResources { Memory = "2Gi" },
    };

    /// <summary>Resources of the clone step.</summary>
    public ResourceRequirements GitResources { get; init; } = new()
    {
        Requests = new ComputeResources { Cpu = "50m", Memory = "64Mi" },
        Limits = new ComputeResources { Memory = "512Mi" },
    };

    /// <summary>Registry hosts (<c>host[:port]</c>) reached over plain HTTP (e.g. an in-cluster registry).</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];
}

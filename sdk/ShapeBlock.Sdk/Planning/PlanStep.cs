namespace ShapeBlock.Sdk.Planning;

/// <summary>What a plan step does.</summary>
public enum StepKind
{
    /// <summary>Creates cloud resources through a provider API.</summary>
    Cloud,

    /// <summary>Runs commands on a host over SSH.</summary>
    Host,

    /// <summary>Applies Kubernetes objects (server-side apply, field manager <c>shapeblock</c>).</summary>
    Kubernetes,
}

/// <summary>One step of a <see cref="Plan"/>: a cloud resource, a host script or a group of Kubernetes objects, with the steps it waits for.</summary>
/// <param name="Id">Unique id, e.g. <c>prod/platform/cert-manager</c> or <c>prod/shop/web</c>.</param>
/// <param name="Cluster">The cluster the step belongs to.</param>
/// <param name="Kind">What the step does.</param>
/// <param name="Title">One line for people.</param>
public sealed record PlanStep(string Id, string Cluster, StepKind Kind, string Title)
{
    /// <summary>Ids of the steps that must finish first (all earlier in the plan).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The Kubernetes objects applied (for <see cref="StepKind.Kubernetes"/>).</summary>
    public IReadOnlyList<DesiredObject> Objects { get; init; } = [];

    /// <summary>The cloud resource created (for <see cref="StepKind.Cloud"/>).</summary>
    public CloudResource? CloudResource { get; init; }

    /// <summary>The host commands run (for <see cref="StepKind.Host"/>).</summary>
    public HostScript? Script { get; init; }

    /// <summary>The model resource the step comes from (<c>prod/shop/web</c>), when there is one.</summary>
    public string? ResourcePath { get; init; }

    /// <summary>A short file-name-safe name for the step (<c>platform-cert-manager</c>).</summary>
    public string Slug => string.Join('-', Id.Split('/').Skip(1)) is { Length: > 0 } slug ? slug : Id;
}

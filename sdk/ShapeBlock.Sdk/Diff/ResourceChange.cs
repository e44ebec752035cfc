using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Diff;

/// <summary>What happens to one resource.</summary>
public enum ChangeAction
{
    /// <summary>It does not exist yet and is created.</summary>
    Create,

    /// <summary>It exists and some fields change.</summary>
    Update,

    /// <summary>It is deleted for being immutable and changed, then created again.</summary>
    Replace,

    /// <summary>It exists, carries the stack's label and is no longer declared: it is pruned.</summary>
    Delete,

    /// <summary>It exists as declared.</summary>
    Unchanged,

    /// <summary>What exists was not read (a cloud without credentials): <c>up</c> creates it if it is missing.</summary>
    Unknown,
}

/// <summary>What kind of thing a change is about.</summary>
public enum ResourceType
{
    /// <summary>A Kubernetes object.</summary>
    KubernetesObject,

    /// <summary>A cloud resource (server, network, …).</summary>
    CloudResource,

    /// <summary>Commands run on a host (k3s install).</summary>
    HostScript,
}

/// <summary>The change to one resource, with the fields that change.</summary>
/// <param name="Key">Readable unique key, e.g. <c>apps.shapeblock.io/App shop/web</c> or <c>hetzner server prod-master-1</c>.</param>
/// <param name="Type">Kubernetes object, cloud resource or host script.</param>
/// <param name="Action">What happens.</param>
/// <param name="Cluster">The cluster.</param>
/// <param name="StepId">The plan step (null for deletions of objects no longer planned).</param>
public sealed record ResourceChange(string Key, ResourceType Type, ChangeAction Action, string Cluster, string? StepId)
{
    /// <summary>Changed fields (updates), or every set field (creates), with secrets masked.</summary>
    public IReadOnlyList<FieldChange> Fields { get; init; } = [];

    /// <summary>The desired object with secrets masked (creates and updates), for <c>--json</c> and <c>--verbose</c>.</summary>
    public JsonObject? Desired { get; init; }

    /// <summary>A one-line description (the step title for cloud and host changes).</summary>
    public string? Description { get; init; }
}

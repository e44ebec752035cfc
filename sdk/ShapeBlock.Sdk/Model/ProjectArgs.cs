namespace ShapeBlock.Sdk.Model;

/// <summary>Settings of a <see cref="Project"/>.</summary>
public sealed class ProjectArgs
{
    /// <summary>Name shown in the ShapeBlock UI; the project name when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Free text about the project.</summary>
    public string? Description { get; set; }

    /// <summary>Caps for the whole namespace (a ResourceQuota).</summary>
    public ProjectQuota? Quota { get; set; }

    /// <summary>Requests and limits of containers that set none (a LimitRange).</summary>
    public ContainerResources? Defaults { get; set; }
}

/// <summary>Caps for a project's namespace; each is a Kubernetes quantity.</summary>
public sealed record ProjectQuota
{
    /// <summary>Total CPU requests, e.g. <c>2</c>.</summary>
    public string? Cpu { get; init; }

    /// <summary>Total memory requests, e.g. <c>4Gi</c>.</summary>
    public string? Memory { get; init; }

    /// <summary>Total storage of volume claims, e.g. <c>20Gi</c>.</summary>
    public string? Storage { get; init; }

    /// <summary>Most pods at once.</summary>
    public int? Pods { get; init; }
}

namespace ShapeBlock.Sdk.Model;

/// <summary>CPU and memory of a container as Kubernetes quantities: requests reserve, limits cap.</summary>
public sealed record ContainerResources
{
    /// <summary>Requested CPU, e.g. <c>100m</c>.</summary>
    public string? Cpu { get; init; }

    /// <summary>Requested memory, e.g. <c>128Mi</c>.</summary>
    public string? Memory { get; init; }

    /// <summary>CPU limit.</summary>
    public string? CpuLimit { get; init; }

    /// <summary>Memory limit, e.g. <c>256Mi</c>.</summary>
    public string? MemoryLimit { get; init; }
}

using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>An amount of CPU and memory.</summary>
public sealed record ComputeResources
{
    /// <summary>CPU as a Kubernetes quantity, e.g. <c>250m</c> or <c>1</c>.</summary>
    [Quantity]
    public string? Cpu { get; set; }

    /// <summary>Memory as a Kubernetes quantity, e.g. <c>256Mi</c>.</summary>
    [Quantity]
    public string? Memory { get; set; }
}

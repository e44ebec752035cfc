namespace ShapeBlock.Api.V1Alpha1;

/// <summary>Requests and limits of a container.</summary>
public sealed record ResourceRequirements
{
    /// <summary>What the scheduler reserves on a node.</summary>
    public ComputeResources? Requests { get; set; }

    /// <summary>The most the container may use.</summary>
    public ComputeResources? Limits { get; set; }
}

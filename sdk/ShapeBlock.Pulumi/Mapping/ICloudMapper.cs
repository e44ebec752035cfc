using Pulumi;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>Maps a provider's cloud steps of the plan to Pulumi resources.</summary>
internal interface ICloudMapper
{
    /// <summary>Node name → public IPv4 output, for every server made.</summary>
    IDictionary<string, Output<string>> ServerAddresses { get; }

    /// <summary>Maps one cloud step.</summary>
    void Map(PlanStep step);

    /// <summary>Makes what had to wait for later steps (e.g. a load balancer that lists its droplets).</summary>
    void Complete();
}

using k8s.Models;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>Converts the CR types' requests and limits into Kubernetes model types.</summary>
internal static class Quantities
{
    public static V1ResourceRequirements Requirements(ResourceRequirements resources) => new()
    {
        Requests = Map(resources.Requests),
        Limits = Map(resources.Limits),
    };

    private static Dictionary<string, ResourceQuantity>? Map(ComputeResources? compute)
    {
        var map = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (compute?.Cpu is { Length: > 0 } cpu)
        {
            map["cpu"] = new ResourceQuantity(cpu);
        }

        if (compute?.Memory is { Length: > 0 } memory)
        {
            map["memory"] = new ResourceQuantity(memory);
        }

        return map.Count > 0 ? map : null;
    }
}

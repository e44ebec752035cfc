using Pulumi;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>Maps the plan steps of one model resource (project, app and its builds, service, team) under its component.</summary>
internal static class WorkloadMapping
{
    public static void Map(ClusterMapping mapping, Resource component, string resource, string path)
    {
        ModelFactory.Validate(mapping.Stack, resource);
        foreach (var step in mapping.Plan().Steps.Where(s => s.ResourcePath is { } p && (p == path || p.StartsWith(path + "/", StringComparison.Ordinal))))
        {
            KubernetesSteps.Map(mapping, step, component);
        }
    }
}

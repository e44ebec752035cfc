using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Planning;

/// <summary>Turns a stack into a <see cref="Plan"/>. Pure: no I/O, no secret is read, the same stack always gives the same plan.</summary>
public static class Planner
{
    /// <summary>Plans a stack. Run <see cref="Validation.StackValidator"/> first: an invalid model plans, but not usefully.</summary>
    /// <param name="stack">The stack.</param>
    /// <returns>The plan.</returns>
    public static Plan Create(Stack stack) => Create(stack, null);

    /// <summary>Plans a stack with values found while connecting in place of their placeholders.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="known">Known values by name without <c>${}</c> (<c>prod.ingress-address</c>); null for none.</param>
    /// <returns>The plan.</returns>
    internal static Plan Create(Stack stack, IReadOnlyDictionary<string, string>? known)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var builder = new PlanBuilder(stack.Name, known);
        foreach (var cluster in stack.Clusters)
        {
            var ready = InfrastructureSteps.Add(builder, cluster);
            var platform = PlatformSteps.Add(builder, cluster, ready);
            WorkloadSteps.Add(builder, cluster, platform);
        }

        return builder.Build();
    }
}

using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk;

/// <summary>
/// One deployment of a program (<c>dev</c>, <c>prod</c>, …): the clusters it declares. Everything the stack
/// applies carries the label <c>shapeblock.io/stack=&lt;name&gt;</c>, which is how objects it no longer
/// declares are found and pruned.
/// </summary>
/// <param name="name">The stack name (the CLI's <c>--stack</c>, <c>dev</c> by default).</param>
public sealed class Stack(string name)
{
    private readonly List<Cluster> clusters = [];

    /// <summary>The stack name.</summary>
    public string Name { get; } = name;

    /// <summary>The clusters, in the order they were added.</summary>
    public IReadOnlyList<Cluster> Clusters => clusters;

    /// <summary>Adds a cluster to the stack.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <returns>The same cluster, to add projects and teams to.</returns>
    /// <exception cref="InvalidOperationException">The cluster already belongs to a stack.</exception>
    public Cluster Add(Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Stack is not null)
        {
            throw new InvalidOperationException($"Cluster '{cluster.Name}' was already added to stack '{cluster.Stack.Name}'.");
        }

        cluster.Stack = this;
        clusters.Add(cluster);
        return cluster;
    }
}

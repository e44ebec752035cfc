namespace ShapeBlock.Sdk.Model;

/// <summary>A team: members and their role in each of its projects (RoleBindings <c>shapeblock-team-&lt;name&gt;</c>).</summary>
public sealed class Team : Resource
{
    internal Team(string name, Cluster cluster, TeamArgs args)
        : base(name)
    {
        Cluster = cluster;
        Args = args;
    }

    /// <summary>The cluster the team lives in.</summary>
    public Cluster Cluster { get; }

    /// <summary>The team's settings.</summary>
    public TeamArgs Args { get; }

    /// <inheritdoc />
    public override string Path => $"{Cluster.Path}/teams/{Name}";
}

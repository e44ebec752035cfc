using Pulumi;
using ShapeBlock.Pulumi.Mapping;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi;

/// <summary>Arguments of a <see cref="Team"/>.</summary>
public sealed class TeamArgs : ResourceArgs
{
    /// <summary>The cluster the team belongs to.</summary>
    [Input("cluster", required: true)]
    public Cluster? Cluster { get; set; }

    /// <summary>The name shown in the dashboard; the team name when empty.</summary>
    [Input("displayName")]
    public string? DisplayName { get; set; }

    /// <summary>Users, groups and service accounts.</summary>
    [Input("members")]
    public List<Model.TeamMember> Members { get; set; } = [];

    /// <summary>The team's role in each project.</summary>
    [Input("projects")]
    public Dictionary<Project, Model.ProjectRole> Projects { get; set; } = [];
}

/// <summary><c>shapeblock:index:Team</c>: members and their roles in projects, as the core's Team custom resource.</summary>
public sealed class Team : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "shapeblock:index:Team";

    /// <summary>Declares the team.</summary>
    /// <param name="name">The team name.</param>
    /// <param name="args">The cluster, members and projects.</param>
    /// <param name="options">Component options.</param>
    public Team(string name, TeamArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cluster = args.Cluster ?? throw new ArgumentException($"{TypeToken} {name}: Cluster is required.", nameof(args));
        var settings = new Model.TeamArgs { DisplayName = args.DisplayName };
        settings.Members.AddRange(args.Members);
        foreach (var (project, role) in args.Projects)
        {
            settings.Projects.Add(project.Model, role);
        }

        var model = cluster.Mapping.Cluster.AddTeam(name, settings);
        WorkloadMapping.Map(cluster.Mapping, this, $"{TypeToken} {name}", model.Path);
        TeamName = Output.Create(name);
        RegisterOutputs(new Dictionary<string, object?> { ["teamName"] = TeamName });
    }

    /// <summary>The team's name.</summary>
    [Output("teamName")]
    public Output<string> TeamName { get; private set; }
}

namespace ShapeBlock.Sdk.Model;

/// <summary>
/// A Kubernetes cluster running the ShapeBlock platform: provisioned with k3s on Hetzner, DigitalOcean or
/// your own SSH machines, or an existing cluster reached through a kubeconfig.
/// </summary>
/// <param name="name">The cluster name; cloud resources are named after it (<c>&lt;name&gt;-master-1</c>, …).</param>
/// <param name="args">Node source, masters, node pools and add-ons.</param>
public sealed class Cluster(string name, ClusterArgs args) : Resource(name)
{
    private readonly List<Project> projects = [];
    private readonly List<Team> teams = [];

    /// <summary>The cluster's settings.</summary>
    public ClusterArgs Args { get; } = args ?? throw new ArgumentNullException(nameof(args));

    /// <summary>The stack the cluster was added to.</summary>
    public Stack? Stack { get; internal set; }

    /// <summary>The projects, in the order they were added.</summary>
    public IReadOnlyList<Project> Projects => projects;

    /// <summary>The teams, in the order they were added.</summary>
    public IReadOnlyList<Team> Teams => teams;

    /// <inheritdoc />
    public override string Path => Name;

    /// <summary>Adds a project: a namespace with everything an app needs already in it.</summary>
    /// <param name="name">The project name; it is also the namespace name.</param>
    /// <param name="args">Display name, quota and default container resources.</param>
    /// <returns>The project, to add apps and services to.</returns>
    public Project AddProject(string name, ProjectArgs? args = null)
    {
        var project = new Project(name, this, args ?? new ProjectArgs());
        projects.Add(project);
        return project;
    }

    /// <summary>Adds a team: members and their role in each of its projects.</summary>
    /// <param name="name">The team name.</param>
    /// <param name="args">Members and projects.</param>
    /// <returns>The team.</returns>
    public Team AddTeam(string name, TeamArgs args)
    {
        var team = new Team(name, this, args ?? throw new ArgumentNullException(nameof(args)));
        teams.Add(team);
        return team;
    }
}

using System.Collections;

namespace ShapeBlock.Sdk.Model;

/// <summary>Settings of a <see cref="Team"/>: <c>Members = { TeamMember.User("alice") }, Projects = { { shop, ProjectRole.Developer } }</c>.</summary>
public sealed class TeamArgs
{
    /// <summary>Name shown in the ShapeBlock UI.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Who is in the team.</summary>
    public List<TeamMember> Members { get; } = [];

    /// <summary>The projects the team works on and its role in each.</summary>
    public TeamProjects Projects { get; } = new();
}

/// <summary>A member of a team; create with <see cref="User"/>, <see cref="Group"/> or <see cref="ServiceAccount"/>.</summary>
/// <param name="Kind">User, group or service account.</param>
/// <param name="Name">Its name.</param>
/// <param name="Namespace">The namespace of a service account.</param>
public sealed record TeamMember(MemberKind Kind, string Name, string? Namespace = null)
{
    /// <summary>A user of the cluster's authentication.</summary>
    /// <param name="name">The user name.</param>
    /// <returns>The member.</returns>
    public static TeamMember User(string name) => new(MemberKind.User, name);

    /// <summary>A group of the cluster's authentication.</summary>
    /// <param name="name">The group name.</param>
    /// <returns>The member.</returns>
    public static TeamMember Group(string name) => new(MemberKind.Group, name);

    /// <summary>A Kubernetes service account.</summary>
    /// <param name="name">The service account name.</param>
    /// <param name="namespace">Its namespace.</param>
    /// <returns>The member.</returns>
    public static TeamMember ServiceAccount(string name, string @namespace) => new(MemberKind.ServiceAccount, name, @namespace);
}

/// <summary>Kinds of team members.</summary>
public enum MemberKind
{
    /// <summary>A user.</summary>
    User,

    /// <summary>A group.</summary>
    Group,

    /// <summary>A service account.</summary>
    ServiceAccount,
}

/// <summary>Roles a team can have in a project.</summary>
public enum ProjectRole
{
    /// <summary>Everything in the project, including secrets and role bindings.</summary>
    Admin,

    /// <summary>Apps, builds, services and their logs; reads secrets.</summary>
    Developer,

    /// <summary>Read-only, without secrets.</summary>
    Viewer,
}

/// <summary>The projects of a team and its role in each.</summary>
public sealed class TeamProjects : IEnumerable<KeyValuePair<Project, ProjectRole>>
{
    private readonly List<KeyValuePair<Project, ProjectRole>> items = [];

    /// <summary>How many projects.</summary>
    public int Count => items.Count;

    /// <summary>Gives the team a role in a project.</summary>
    /// <param name="project">The project (in the same cluster).</param>
    /// <param name="role">The role.</param>
    public void Add(Project project, ProjectRole role) => items.Add(new(project ?? throw new ArgumentNullException(nameof(project)), role));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Project, ProjectRole>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

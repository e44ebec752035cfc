using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>A team: members and the role they have in each listed project.</summary>
[CustomResource("Team", "teams", Scope = ResourceScope.Cluster, ShortNames = ["sbteam"])]
[PrinterColumn("Display Name", "string", ".spec.displayName")]
[PrinterColumn("Status", "string", ".status.phase")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[CelRule("size(self.metadata.name) <= 46",
    "metadata.name must be at most 46 characters (RoleBindings are named 'shapeblock-team-<name>')")]
public sealed class Team() : CustomResource<TeamSpec, TeamStatus>("Team");

/// <summary>Desired state of a <see cref="Team"/>.</summary>
public sealed record TeamSpec
{
    /// <summary>Name shown in the ShapeBlock UI.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Who is in the team.</summary>
    public List<TeamMember>? Members { get; set; }

    /// <summary>The projects the team works on and its role in each.</summary>
    [ListMapKeys("name")]
    public List<TeamProject>? Projects { get; set; }
}

/// <summary>A member of a team: a RoleBinding subject.</summary>
[CelRule("self.kind != 'ServiceAccount' || has(self.namespace)", "a ServiceAccount member needs its namespace")]
public sealed record TeamMember
{
    /// <summary><c>User</c>, <c>Group</c> or <c>ServiceAccount</c>.</summary>
    [Required]
    public MemberKind Kind { get; set; }

    /// <summary>User name, group name or service account name.</summary>
    [Required]
    [MinSize(1)]
    public string Name { get; set; } = "";

    /// <summary>Namespace of a ServiceAccount member.</summary>
    public string? Namespace { get; set; }
}

/// <summary>A team's role in one project.</summary>
public sealed record TeamProject
{
    /// <summary>The Project name.</summary>
    [Required]
    [MinSize(1)]
    public string Name { get; set; } = "";

    /// <summary><c>admin</c>, <c>developer</c> or <c>viewer</c>: bound to ClusterRole <c>shapeblock-&lt;role&gt;</c>.</summary>
    [Required]
    public TeamRole Role { get; set; }
}

/// <summary>Kinds of team members.</summary>
public enum MemberKind
{
    /// <summary>A user name from the cluster's authentication.</summary>
    User,

    /// <summary>A group from the cluster's authentication.</summary>
    Group,

    /// <summary>A Kubernetes service account.</summary>
    ServiceAccount,
}

/// <summary>Roles a team can have in a project.</summary>
public enum TeamRole
{
    /// <summary>Everything in the project, including secrets and role bindings.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>Apps, builds, services and their logs; reads secrets.</summary>
    [JsonStringEnumMemberName("developer")]
    Developer,

    /// <summary>Read-only, without secrets.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer,
}

/// <summary>Observed state of a <see cref="Team"/>.</summary>
public sealed record TeamStatus : ResourceStatus<TeamPhase>
{
    /// <summary>Projects whose RoleBinding exists.</summary>
    public List<string>? BoundProjects { get; set; }
}

using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>
/// A project: a namespace with everything an app needs already in it (registry credentials, a build
/// service account, optional quota and default container resources).
/// </summary>
[CustomResource("Project", "projects", Scope = ResourceScope.Cluster, ShortNames = ["proj"])]
[PrinterColumn("Display Name", "string", ".spec.displayName")]
[PrinterColumn("Status", "string", ".status.phase")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[CelRule("self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",
    "metadata.name must be a valid namespace name: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'shop-prod')")]
public sealed class Project() : CustomResource<ProjectSpec, ProjectStatus>("Project");

/// <summary>Desired state of a <see cref="Project"/>.</summary>
public sealed record ProjectSpec
{
    /// <summary>Name shown in the ShapeBlock UI.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Free text about the project.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// Name of a <c>kubernetes.io/dockerconfigjson</c> Secret in the operator's namespace that is copied into
    /// the project as <c>registry-creds</c> and kept in sync.
    /// </summary>
    [SchemaDefault("registry-creds")]
    [System.ComponentModel.DataAnnotations.RegularExpression("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    public string? RegistrySecret { get; set; }

    /// <summary>Caps for the whole namespace (a ResourceQuota).</summary>
    public ProjectQuota? Quota { get; set; }

    /// <summary>Default requests and limits for containers that set none (a LimitRange), so every container has requests on a small node.</summary>
    public ResourceRequirements? Defaults { get; set; }
}

/// <summary>Caps for a project's namespace.</summary>
public sealed record ProjectQuota
{
    /// <summary>Total CPU requests, e.g. <c>2</c>.</summary>
    [Quantity]
    public string? Cpu { get; set; }

    /// <summary>Total memory requests, e.g. <c>4Gi</c>.</summary>
    [Quantity]
    public string? Memory { get; set; }

    /// <summary>Total storage requested by volume claims, e.g. <c>20Gi</c>.</summary>
    [Quantity]
    public string? Storage { get; set; }

    /// <summary>Most pods at once.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 10000)]
    public int? Pods { get; set; }
}

/// <summary>Observed state of a <see cref="Project"/>.</summary>
public sealed record ProjectStatus : ResourceStatus<ProjectPhase>
{
    /// <summary>The namespace the project owns.</summary>
    public string? Namespace { get; set; }
}

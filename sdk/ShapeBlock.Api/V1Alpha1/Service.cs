using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>
/// A backing service deployed from a Helm chart: a catalog database (<c>type</c>) or any chart (<c>chart</c>),
/// with its connection details in the Secret <c>&lt;name&gt;-connection</c>.
/// </summary>
[CustomResource("Service", "services", ShortNames = ["sbsvc"])]
[PrinterColumn("Type", "string", ".spec.type")]
[PrinterColumn("Status", "string", ".status.phase")]
[PrinterColumn("URL", "string", ".status.url", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[CelRule("self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 42",
    "metadata.name must start with a lower-case letter, contain only lower-case letters, digits and '-', and be at most 42 characters (it names the release and the '<name>-connection' Secret)")]
public sealed class Service() : CustomResource<ServiceSpec, ServiceStatus>("Service");

/// <summary>Desired state of a <see cref="Service"/>.</summary>
[CelRule("has(self.chart) != (has(self.type) && self.type != 'custom')",
    "set exactly one of spec.type (postgres, mysql, redis, mongodb) or spec.chart (any chart, with type custom or no type)")]
public sealed record ServiceSpec
{
    /// <summary>A catalog type with a pinned chart and small-node defaults, or <c>custom</c> with <c>chart</c>.</summary>
    public ServiceType? Type { get; set; }

    /// <summary>Version of the catalog database, e.g. <c>16</c> for Postgres.</summary>
    public string? Version { get; set; }

    /// <summary>Any Helm chart (for <c>type: custom</c>).</summary>
    public ChartReference? Chart { get; set; }

    /// <summary>Size of the data volume, e.g. <c>5Gi</c>.</summary>
    [Quantity]
    public string? Storage { get; set; }

    /// <summary>Requests and limits of the service's main container.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>What happens to data volumes when the Service is deleted; <c>Retain</c> keeps them.</summary>
    [SchemaDefault("Retain")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>Free-form chart values deep-merged last (you win; arrays are replaced).</summary>
    [PreserveUnknownFields]
    public JsonObject? HelmValues { get; set; }
}

/// <summary>A Helm chart reference.</summary>
public sealed record ChartReference
{
    /// <summary>Chart name in the repository.</summary>
    [Required]
    [MinSize(1)]
    public string Name { get; set; } = "";

    /// <summary>Chart version; pin it for repeatable deploys.</summary>
    public string? Version { get; set; }

    /// <summary>The chart repository URL (<c>https://…</c> or <c>oci://…</c>).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("repoURL")]
    [RegularExpression("^(https?|oci)://.+$")]
    public string? RepoUrl { get; set; }
}

/// <summary>Observed state of a <see cref="Service"/>.</summary>
public sealed record ServiceStatus : ResourceStatus<ServicePhase>
{
    /// <summary>The Helm release name.</summary>
    public string? HelmRelease { get; set; }

    /// <summary>The in-cluster endpoint, e.g. <c>postgres://db.shop.svc:5432/app</c> without credentials.</summary>
    public string? Url { get; set; }

    /// <summary>The Secret with HOST, PORT, USERNAME, PASSWORD, DATABASE and URL.</summary>
    public string? ConnectionSecret { get; set; }
}

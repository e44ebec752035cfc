using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using k8s.Models;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>One build-and-deploy of an app. The spec is immutable: create a new AppBuild to build again.</summary>
[CustomResource("AppBuild", "appbuilds", ShortNames = ["sbbuild"])]
[PrinterColumn("App", "string", ".spec.appName")]
[PrinterColumn("Status", "string", ".status.phase")]
[PrinterColumn("Image Tag", "string", ".status.imageTag")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class AppBuild() : CustomResource<AppBuildSpec, AppBuildStatus>("AppBuild");

/// <summary>Desired state of an <see cref="AppBuild"/>.</summary>
[CelRule("self == oldSelf", "spec is immutable: create a new AppBuild to build again")]
public sealed record AppBuildSpec
{
    /// <summary>The App (in the same namespace) to build and deploy.</summary>
    [Required]
    [MinSize(1)]
    public string AppName { get; set; } = "";

    /// <summary>Branch, tag or commit SHA to build; the app's branch when empty.</summary>
    public string? GitRef { get; set; }

    /// <summary>Tag of the built image; the short commit SHA when empty. For image apps, the tag applied to <c>build.image</c>.</summary>
    [RegularExpression("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    public string? ImageTag { get; set; }

    /// <summary>Build variables of this build; they win over the app's <c>build.buildVars</c>.</summary>
    [ListMapKeys("key")]
    public List<BuildVar>? BuildVars { get; set; }

    /// <summary>Chart values for this deploy, merged after the app's own.</summary>
    [PreserveUnknownFields]
    public JsonObject? HelmValues { get; set; }

    /// <summary>Where the build pod may run.</summary>
    public V1NodeAffinity? BuildNodeAffinity { get; set; }

    /// <summary>The build fails with reason <c>Timeout</c> after this many seconds.</summary>
    [Range(60, 86400)]
    [SchemaDefault(1800)]
    public int? TimeoutSeconds { get; set; }

    /// <summary>Requests and limits of the build container.</summary>
    public ResourceRequirements? Resources { get; set; }
}

/// <summary>Observed state of an <see cref="AppBuild"/> (field names kept from the existing contract).</summary>
public sealed record AppBuildStatus : ResourceStatus<AppBuildPhase>
{
    /// <summary>The build pod.</summary>
    public string? PodName { get; set; }

    /// <summary>The build Job.</summary>
    public string? JobName { get; set; }

    /// <summary>The full commit SHA that was built.</summary>
    public string? GitCommit { get; set; }

    /// <summary>The tag of the built image.</summary>
    public string? ImageTag { get; set; }

    /// <summary>The full image reference, with <c>@sha256:</c> digest when known.</summary>
    public string? Image { get; set; }

    /// <summary>When the build pod started.</summary>
    public DateTimeOffset? BuildStartTime { get; set; }

    /// <summary>When the build pod finished.</summary>
    public DateTimeOffset? BuildEndTime { get; set; }

    /// <summary>When the operator started on this build.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>When the build reached Completed, Failed or Superseded.</summary>
    public DateTimeOffset? CompletionTime { get; set; }

    /// <summary>The helm-controller Job whose failure failed the deploy.</summary>
    public string? FailedHelmJobName { get; set; }

    /// <summary>Machine-readable failure class (see <see cref="Reasons"/>).</summary>
    public string? Reason { get; set; }

    /// <summary>The last lines of the failing container's log.</summary>
    public string? LogTail { get; set; }
}

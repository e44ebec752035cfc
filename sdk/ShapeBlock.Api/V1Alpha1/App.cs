using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>An app: source (git or image), how to build it, and how to run it. Lives in its project's namespace.</summary>
[CustomResource("App", "apps", ShortNames = ["sbapp"])]
[PrinterColumn("Display Name", "string", ".spec.displayName")]
[PrinterColumn("Build Type", "string", ".spec.build.type")]
[PrinterColumn("Status", "string", ".status.phase")]
[PrinterColumn("URL", "string", ".status.url")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[CelRule("self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 53",
    "metadata.name must start with a lower-case letter, contain only lower-case letters, digits and '-', and be at most 53 characters (it names the app's Helm release and Service)")]
public sealed class App() : CustomResource<AppSpec, AppStatus>("App");

/// <summary>Desired state of an <see cref="App"/>.</summary>
[CelRule("self.build.type == 'image' || has(self.git)",
    "spec.git is required when build.type is dockerfile or buildpack (or use build.type: image)", FieldPath = ".git")]
[CelRule("self.build.type == 'image' || has(self.registry)",
    "spec.registry is required when build.type is dockerfile or buildpack: the built image is pushed there", FieldPath = ".registry")]
public sealed record AppSpec
{
    /// <summary>Name shown in the ShapeBlock UI.</summary>
    [Required]
    [MinSize(1)]
    public string DisplayName { get; set; } = "";

    /// <summary>Free text about the app.</summary>
    public string? Description { get; set; }

    /// <summary>Where the source is (for dockerfile and buildpack builds).</summary>
    public GitSource? Git { get; set; }

    /// <summary>Where built images are pushed (required unless <c>build.type</c> is <c>image</c>).</summary>
    public RegistryRef? Registry { get; set; }

    /// <summary>How the image is made.</summary>
    [Required]
    public BuildSpec Build { get; set; } = new();

    /// <summary>The port the app listens on.</summary>
    [Range(1, 65535)]
    [SchemaDefault(8080)]
    public int? Port { get; set; }

    /// <summary>How many pods run the app (ignored while autoscaling is set).</summary>
    [Range(0, 1000)]
    [SchemaDefault(1)]
    public int? Replicas { get; set; }

    /// <summary>Overrides the image's entrypoint.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Overrides the image's arguments.</summary>
    public List<string>? Args { get; set; }

    /// <summary>Plain environment variables.</summary>
    public Dictionary<string, string>? Env { get; set; }

    /// <summary>Names of Secrets in the project whose keys are all loaded as environment variables.</summary>
    public List<string>? SecretEnv { get; set; }

    /// <summary>Public host names; each gets an Ingress rule and, when <c>tls</c>, a certificate.</summary>
    [ListMapKeys("host")]
    public List<AppDomain>? Domains { get; set; }

    /// <summary>Requests and limits of the app's containers.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>HTTP readiness and liveness probe.</summary>
    public HealthCheck? HealthCheck { get; set; }

    /// <summary>Horizontal autoscaling on CPU.</summary>
    public Autoscaling? Autoscaling { get; set; }

    /// <summary>Extra processes from the same image (queues, schedulers), each its own Deployment.</summary>
    [ListMapKeys("name")]
    public List<Worker>? Workers { get; set; }

    /// <summary>Persistent volumes mounted into the app.</summary>
    [ListMapKeys("name")]
    public List<AppVolume>? Volumes { get; set; }

    /// <summary>Backing services whose connection details are injected as environment variables.</summary>
    [ListMapKeys("name")]
    public List<ServiceBinding>? Services { get; set; }

    /// <summary>Free-form chart values deep-merged last (you win; arrays are replaced, not merged).</summary>
    [PreserveUnknownFields]
    public JsonObject? HelmValues { get; set; }
}

/// <summary>A git repository to build from.</summary>
public sealed record GitSource
{
    /// <summary>Clone URL: <c>https://…</c> or <c>git@host:owner/repo.git</c> / <c>ssh://…</c>.</summary>
    [Required]
    [MinSize(1)]
    public string Url { get; set; } = "";

    /// <summary>Branch built when an AppBuild gives no ref; the repository's default branch when empty.</summary>
    public string? Branch { get; set; }

    /// <summary>Secret in the project with credentials (<c>kubernetes.io/ssh-auth</c> or <c>kubernetes.io/basic-auth</c>).</summary>
    public string? SecretName { get; set; }

    /// <summary>The repository is private; without <c>secretName</c> the operator fetches a deploy key from the ShapeBlock server.</summary>
    [SchemaDefault(false)]
    public bool? IsPrivate { get; set; }

    /// <summary>Directory inside the repository used as the build context.</summary>
    [RegularExpression("^[^/].*$")]
    public string? SubPath { get; set; }
}

/// <summary>A container registry to push to.</summary>
public sealed record RegistryRef
{
    /// <summary>Registry host (with port when not 443) and optional path, e.g. <c>registry.example.com:5000/team</c>.</summary>
    [Required]
    [MinSize(1)]
    public string Url { get; set; } = "";

    /// <summary>A <c>kubernetes.io/dockerconfigjson</c> Secret in the project; <c>registry-creds</c> when empty.</summary>
    public string? SecretName { get; set; }
}

/// <summary>How an app's image is made.</summary>
[CelRule("self.type != 'image' || has(self.image)",
    "build.image is required when build.type is image (e.g. ghcr.io/acme/web:1.2)", FieldPath = ".image")]
public sealed record BuildSpec
{
    /// <summary><c>dockerfile</c> (kaniko), <c>buildpack</c> (Cloud Native Buildpacks) or <c>image</c> (deploy an existing image).</summary>
    [Required]
    public BuildType Type { get; set; }

    /// <summary>The CNB builder image for buildpack builds.</summary>
    public string? BuilderImage { get; set; }

    /// <summary>The image to deploy for <c>image</c> builds.</summary>
    public string? Image { get; set; }

    /// <summary>Path of the Dockerfile relative to the build context.</summary>
    [SchemaDefault("Dockerfile")]
    public string? Dockerfile { get; set; }

    /// <summary>Build variables every build of the app gets (an AppBuild's own win).</summary>
    [ListMapKeys("key")]
    public List<BuildVar>? BuildVars { get; set; }
}

/// <summary>A public host name of an app.</summary>
public sealed record AppDomain
{
    /// <summary>The host name, e.g. <c>shop.example.com</c>.</summary>
    [Required]
    [RegularExpression(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    [MaxSize(253)]
    public string Host { get; set; } = "";

    /// <summary>Serve HTTPS with a cert-manager certificate.</summary>
    [SchemaDefault(true)]
    public bool? Tls { get; set; }
}

/// <summary>HTTP probe of an app.</summary>
public sealed record HealthCheck
{
    /// <summary>Path that answers 2xx/3xx when the app is healthy.</summary>
    [RegularExpression("^/.*$")]
    [SchemaDefault("/")]
    public string? Path { get; set; }

    /// <summary>Port of the probe; the app's port when empty.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>Seconds to wait after start before probing.</summary>
    [Range(0, 3600)]
    public int? InitialDelaySeconds { get; set; }
}

/// <summary>CPU-based horizontal autoscaling.</summary>
[CelRule("self.minReplicas <= self.maxReplicas", "autoscaling.minReplicas must not exceed autoscaling.maxReplicas")]
public sealed record Autoscaling
{
    /// <summary>Fewest replicas.</summary>
    [Range(1, 1000)]
    [SchemaDefault(1)]
    public int? MinReplicas { get; set; }

    /// <summary>Most replicas.</summary>
    [Required]
    [Range(1, 1000)]
    public int MaxReplicas { get; set; }

    /// <summary>Average CPU utilisation (percent of requests) to aim for.</summary>
    [Range(1, 100)]
    [SchemaDefault(80)]
    public int? TargetCPUUtilization { get; set; }
}

/// <summary>An extra process of an app, run from the same image.</summary>
public sealed record Worker
{
    /// <summary>Worker name; its Deployment is <c>&lt;app&gt;-&lt;name&gt;</c>.</summary>
    [Required]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [MaxSize(30)]
    public string Name { get; set; } = "";

    /// <summary>The command the worker runs.</summary>
    [Required]
    [MinSize(1)]
    public List<string> Command { get; set; } = [];

    /// <summary>How many pods run the worker.</summary>
    [Range(0, 1000)]
    [SchemaDefault(1)]
    public int? Replicas { get; set; }
}

/// <summary>A persistent volume of an app.</summary>
public sealed record AppVolume
{
    /// <summary>Volume name.</summary>
    [Required]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [MaxSize(40)]
    public string Name { get; set; } = "";

    /// <summary>Absolute path where the volume is mounted.</summary>
    [Required]
    [RegularExpression("^/.*$")]
    public string MountPath { get; set; } = "";

    /// <summary>Size, e.g. <c>1Gi</c>.</summary>
    [Required]
    [Quantity]
    public string Size { get; set; } = "";
}

/// <summary>Binds a backing <see cref="Service"/> to an app as environment variables.</summary>
public sealed record ServiceBinding
{
    /// <summary>Name of the Service in the same project.</summary>
    [Required]
    [MinSize(1)]
    public string Name { get; set; } = "";

    /// <summary>Prefix of the variables (<c>&lt;PREFIX&gt;_URL</c>, …); the upper-cased service name when empty.</summary>
    [RegularExpression("^[A-Z_][A-Z0-9_]*$")]
    public string? EnvPrefix { get; set; }
}

/// <summary>Observed state of an <see cref="App"/>.</summary>
public sealed record AppStatus : ResourceStatus<AppPhase>
{
    /// <summary>Name of the newest AppBuild of the app.</summary>
    public string? LatestBuild { get; set; }

    /// <summary>The deployed image, by digest when known.</summary>
    public string? Image { get; set; }

    /// <summary>Where the app is reachable: its first domain (https when TLS).</summary>
    public string? Url { get; set; }
}

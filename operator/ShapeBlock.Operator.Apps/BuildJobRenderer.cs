using System.Text;
using k8s.Models;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>What a build needs from the cluster besides the two resources.</summary>
/// <param name="App">The App being built (as read from the API server).</param>
/// <param name="Build">The AppBuild (as read from the API server: its uid owns the Job).</param>
public sealed record BuildRequest(App App, AppBuild Build)
{
    /// <summary>The git credentials, or null for a public repository.</summary>
    public GitCredentials? GitCredentials { get; init; }

    /// <summary>The full commit SHA the resolve Job reported, once it has run.</summary>
    public string? ResolvedCommit { get; init; }
}

/// <summary>
/// Renders the Jobs and Secret of an AppBuild (operator.md, "Build Job"): a clone step, then kaniko
/// (dockerfile) or the CNB creator (buildpack), owned by the AppBuild, never retried, bounded by
/// <c>timeoutSeconds</c>. See <see cref="BuildPlanner"/> for the two-step resolve of the tag.
/// </summary>
/// <param name="options">Build settings.</param>
public sealed class BuildJobRenderer(BuildOptions options)
{
    /// <summary>Name of the container that builds and pushes (the clone step is <c>git-clone</c>).</summary>
    public const string BuildContainerName = "build";

    /// <summary>Name of the clone container, an init container of build pods and the only container of resolve pods.</summary>
    public const string GitCloneContainerName = GitCloneContainer.Name;

    /// <summary>Label telling the build Job from the resolve Job.</summary>
    public const string StepLabel = "shapeblock.io/build-step";

    internal const string DockerConfigVolume = "docker-config";

    /// <summary>A renderer with the default settings.</summary>
    public BuildJobRenderer()
        : this(new BuildOptions())
    {
    }

    /// <summary>The build settings.</summary>
    public BuildOptions Options => options;

    /// <summary>Plans the build (tag, destination, ref); see <see cref="BuildPlanner.Plan"/>.</summary>
    /// <param name="request">The build.</param>
    /// <returns>The plan.</returns>
    public BuildPlan Plan(BuildRequest request) => BuildPlanner.Plan(request.App, request.Build, options, request.ResolvedCommit);

    /// <summary>
    /// The resolve Job <c>&lt;build&gt;-resolve</c>: the clone step alone, without checkout; its
    /// termination message is the commit (read it with <see cref="BuildResults.CommitOf"/>).
    /// </summary>
    /// <param name="request">The build.</param>
    /// <returns>The Job.</returns>
    public V1Job RenderResolveJob(BuildRequest request)
    {
        var plan = Plan(request);
        var clone = GitCloneContainer.Create(plan, request.GitCredentials, options, sourceOwner: null, checkout: false);
        var volumes = new List<V1Volume> { Workspace() };
        AddIfAny(volumes, GitCloneContainer.AuthVolumeFor(request.GitCredentials));
        var pod = PodSpec(request, [], [clone], volumes);
        return Job(request, plan.ResolveJobName, "resolve", Math.Min(plan.TimeoutSeconds, options.ResolveTimeoutSeconds), pod);
    }

    /// <summary>The build Job <c>&lt;build&gt;</c>.</summary>
    /// <param name="request">The build (with <see cref="BuildRequest.ResolvedCommit"/> when the plan needed one).</param>
    /// <returns>The Job.</returns>
    /// <exception cref="InvalidOperationException">The tag is not known yet (run the resolve Job first), or the App cannot be built.</exception>
    public V1Job RenderBuildJob(BuildRequest request)
    {
        var plan = Plan(request);
        if (plan.NeedsCommit)
        {
            throw new InvalidOperationException($"the tag of build '{request.Build.Metadata.Name}' is the commit SHA, which is not known yet: run the resolve Job first");
        }

        var resources = Quantities.Requirements(request.Build.Spec.Resources ?? options.DefaultResources);
        var buildpack = plan.Type == BuildType.Buildpack;
        var clone = GitCloneContainer.Create(plan, request.GitCredentials, options, buildpack ? options.BuildpackOwner : null, checkout: true);
        var build = buildpack ? BuildpackContainer.Create(plan, options, resources) : KanikoContainer.Create(plan, options, resources);

        var volumes = new List<V1Volume>
        {
            Workspace(),
            new()
            {
                Name = DockerConfigVolume,
                Secret = new V1SecretVolumeSource { SecretName = plan.RegistrySecret, Items = [new V1KeyToPath { Key = ".dockerconfigjson", Path = "config.json" }] },
            },
        };
        AddIfAny(volumes, GitCloneContainer.AuthVolumeFor(request.GitCredentials));
        if (buildpack)
        {
            volumes.AddRange(BuildpackContainer.Volumes(plan));
        }

        var pod = PodSpec(request, [clone], [build], volumes);
        return Job(request, plan.JobName, "build", plan.TimeoutSeconds, pod);
    }

    /// <summary>
    /// The Secret <c>&lt;build&gt;-buildvars</c> of a buildpack build, one key per variable (mounted as
    /// <c>/platform/env/&lt;KEY&gt;</c>); null for dockerfile builds and builds without variables.
    /// Create it before the build Job.
    /// </summary>
    /// <param name="request">The build.</param>
    /// <returns>The Secret, or null.</returns>
    public V1Secret? RenderBuildVarsSecret(BuildRequest request)
    {
        var plan = Plan(request);
        if (plan.Type != BuildType.Buildpack || plan.BuildVars.Count == 0)
        {
            return null;
        }

        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = Metadata(request, plan.BuildVarsSecretName, "build"),
            Type = "Opaque",
            Data = plan.BuildVars.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value ?? ""), StringComparer.Ordinal),
        };
    }

    private V1PodSpec PodSpec(BuildRequest request, List<V1Container> init, List<V1Container> containers, List<V1Volume> volumes) => new()
    {
        RestartPolicy = "Never",
        ServiceAccountName = options.ServiceAccountName,
        // A build runs user code: it gets no API token and no service-discovery env.
        AutomountServiceAccountToken = false,
        EnableServiceLinks = false,
        Affinity = request.Build.Spec.BuildNodeAffinity is { } affinity ? new V1Affinity { NodeAffinity = affinity } : null,
        InitContainers = init.Count > 0 ? init : null,
        Containers = containers,
        Volumes = volumes,
    };

    private V1Job Job(BuildRequest request, string name, string step, int deadlineSeconds, V1PodSpec pod)
    {
        var metadata = Metadata(request, name, step);
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = metadata,
            Spec = new V1JobSpec
            {
                // A failed build stays failed: no retry of a broken Dockerfile or a wrong key.
                BackoffLimit = 0,
                ActiveDeadlineSeconds = deadlineSeconds,
                TtlSecondsAfterFinished = options.TtlSecondsAfterFinished,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(metadata.Labels, StringComparer.Ordinal) },
                    Spec = pod,
                },
            },
        };
    }

    private static V1ObjectMeta Metadata(BuildRequest request, string name, string step)
    {
        var labels = ResourceMetadata.BuildLabels(request.Build);
        labels[StepLabel] = step;
        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ResourceMetadata.ProjectNamespace(request.Build),
            Labels = labels,
            OwnerReferences = [ResourceMetadata.OwnerReference(request.Build)],
        };
    }

    private static V1Volume Workspace() => new() { Name = GitCloneContainer.WorkspaceVolume, EmptyDir = new V1EmptyDirVolumeSource() };

    private static void AddIfAny(List<V1Volume> volumes, V1Volume? volume)
    {
        if (volume is not null)
        {
            volumes.Add(volume);
        }
    }
}

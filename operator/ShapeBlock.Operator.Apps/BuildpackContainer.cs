using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// The CNB lifecycle <c>creator</c> of buildpack builds, run in the builder image. Build variables are
/// files under <c>/platform/env</c> from a Secret (no shell, no argument); the digest is read from the
/// report, written as the termination message.
/// </summary>
internal static class BuildpackContainer
{
    public const string Creator = "/cnb/lifecycle/creator";
    public const string LayersVolume = "layers";
    public const string PlatformVolume = "platform";
    public const string BuildVarsVolume = "build-vars";
    public const string DockerConfigPath = "/docker-config";

    public static V1Container Create(BuildPlan plan, BuildOptions options, V1ResourceRequirements resources)
    {
        var destination = plan.Destination ?? throw new InvalidOperationException("the build's tag is not known yet: run the resolve Job first");
        var app = plan.SubPath.Length > 0 ? $"{GitCloneContainer.SourcePath}/{plan.SubPath}" : GitCloneContainer.SourcePath;
        var args = new List<string>
        {
            $"-app={app}",
            $"-cache-image={plan.Cache}",
            "-layers=/layers",
            "-platform=/platform",
            "-report=/dev/termination-log",
        };
        if (options.InsecureRegistries.Contains(destination.Registry, StringComparer.OrdinalIgnoreCase))
        {
            args.Add($"-insecure-registry={destination.Registry}");
        }

        args.Add(destination.ToString());

        var mounts = new List<V1VolumeMount>
        {
            new() { Name = GitCloneContainer.WorkspaceVolume, MountPath = GitCloneContainer.WorkspacePath },
            new() { Name = LayersVolume, MountPath = "/layers" },
            new() { Name = PlatformVolume, MountPath = "/platform" },
            new() { Name = BuildJobRenderer.DockerConfigVolume, MountPath = DockerConfigPath, ReadOnlyProperty = true },
        };
        if (plan.BuildVars.Count > 0)
        {
            mounts.Add(new V1VolumeMount { Name = BuildVarsVolume, MountPath = "/platform/env", ReadOnlyProperty = true });
        }

        return new V1Container
        {
            Name = BuildJobRenderer.BuildContainerName,
            Image = plan.BuilderImage,
            Command = [Creator],
            Args = args,
            Env =
            [
                new V1EnvVar { Name = "CNB_PLATFORM_API", Value = options.CnbPlatformApi },
                // go-containerregistry's keychain reads <DOCKER_CONFIG>/config.json.
                new V1EnvVar { Name = "DOCKER_CONFIG", Value = DockerConfigPath },
            ],
            VolumeMounts = mounts,
            Resources = resources,
            TerminationMessagePolicy = "FallbackToLogsOnError",
        };
    }

    public static IEnumerable<V1Volume> Volumes(BuildPlan plan)
    {
        yield return new V1Volume { Name = LayersVolume, EmptyDir = new V1EmptyDirVolumeSource() };
        yield return new V1Volume { Name = PlatformVolume, EmptyDir = new V1EmptyDirVolumeSource() };
        if (plan.BuildVars.Count > 0)
        {
            yield return new V1Volume { Name = BuildVarsVolume, Secret = new V1SecretVolumeSource { SecretName = plan.BuildVarsSecretName } };
        }
    }
}

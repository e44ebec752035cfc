using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// The kaniko executor of dockerfile builds. Every input is its own exec-form argument
/// (<c>--build-arg=KEY=VALUE</c> per variable): there is no shell, so a value is never parsed as syntax.
/// </summary>
internal static class KanikoContainer
{
    public const string DockerConfigPath = "/kaniko/.docker";

    public static V1Container Create(BuildPlan plan, BuildOptions options, V1ResourceRequirements resources)
    {
        var destination = plan.Destination ?? throw new InvalidOperationException("the build's tag is not known yet: run the resolve Job first");
        var context = plan.SubPath.Length > 0 ? $"{GitCloneContainer.SourcePath}/{plan.SubPath}" : GitCloneContainer.SourcePath;
        var args = new List<string>
        {
            $"--context=dir://{context}",
            $"--dockerfile={context}/{plan.Dockerfile}",
        };
        args.AddRange(plan.BuildVars.Select(v => $"--build-arg={v.Key}={v.Value}"));
        args.Add($"--destination={destination}");
        args.Add("--cache=true");
        args.Add($"--cache-repo={plan.Cache}");
        // kaniko writes sha256:<digest> here; the kubelet turns the file into the termination message.
        args.Add("--digest-file=/dev/termination-log");
        if (options.InsecureRegistries.Contains(destination.Registry, StringComparer.OrdinalIgnoreCase))
        {
            args.Add("--insecure");
            args.Add($"--insecure-registry={destination.Registry}");
        }

        return new V1Container
        {
            Name = BuildJobRenderer.BuildContainerName,
            Image = options.KanikoImage,
            Args = args,
            VolumeMounts =
            [
                new V1VolumeMount { Name = GitCloneContainer.WorkspaceVolume, MountPath = GitCloneContainer.WorkspacePath },
                new V1VolumeMount { Name = BuildJobRenderer.DockerConfigVolume, MountPath = DockerConfigPath, ReadOnlyProperty = true },
            ],
            Resources = resources,
            TerminationMessagePolicy = "FallbackToLogsOnError",
        };
    }
}

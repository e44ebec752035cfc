using System.Text.RegularExpressions;
using k8s.Models;
using ShapeBlock.Api;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Turns what a failed (or stuck) build or deploy left behind — Job conditions, container statuses,
/// scheduling conditions and events, log lines — into one failure class with a human message and a
/// masked log tail (operator.md, "Failure classes").
/// </summary>
/// <param name="logTailLines">How many log lines <see cref="BuildFailure.LogTail"/> keeps.</param>
public sealed partial class BuildFailureClassifier(int logTailLines)
{
    private const int MaxLineInMessage = 300;

    /// <summary>A classifier keeping <see cref="LogTail.DefaultLines"/> lines.</summary>
    public BuildFailureClassifier()
        : this(LogTail.DefaultLines)
    {
    }

    /// <summary>The container whose log explains the failure: the failed clone step, else the failed build container.</summary>
    /// <param name="pod">The build pod.</param>
    /// <returns>The container name, or null when none has failed.</returns>
    public static string? FailedContainer(V1Pod pod) =>
        (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
            .FirstOrDefault(s => s.State?.Terminated is { ExitCode: not 0 })?.Name;

    /// <summary>Classifies a build.</summary>
    /// <param name="observation">What was observed.</param>
    /// <returns>The failure, or null when nothing has failed (yet).</returns>
    public BuildFailure? Classify(BuildObservation observation)
    {
        var pod = observation.Pod;
        var secrets = observation.KnownSecrets;
        var tail = LogTail.Tail(observation.Log, logTailLines, secrets);

        if (Unschedulable(observation) is { } unschedulable)
        {
            return new BuildFailure(Reasons.Unschedulable, Scrub(unschedulable, secrets), tail);
        }

        if (JobCondition(observation.Job, "DeadlineExceeded") is not null || pod?.Status?.Reason == "DeadlineExceeded")
        {
            var seconds = observation.Job?.Spec?.ActiveDeadlineSeconds;
            var limit = seconds is null ? "its timeout" : $"its timeout of {seconds} seconds";
            return new BuildFailure(Reasons.Timeout, $"The build ran longer than {limit} (spec.timeoutSeconds) and was stopped", tail, FailedOrRunning(pod));
        }

        if (pod?.Status?.Reason == "Evicted")
        {
            return new BuildFailure(Reasons.BuildFailed, Scrub($"The build pod was evicted: {pod.Status.Message}", secrets), tail);
        }

        if (Stuck(pod, observation.Events) is { } stuck)
        {
            return stuck with { Message = Scrub(stuck.Message, secrets), LogTail = tail };
        }

        var failed = (pod?.Status?.InitContainerStatuses ?? []).Concat(pod?.Status?.ContainerStatuses ?? [])
            .FirstOrDefault(s => s.State?.Terminated is { ExitCode: not 0 });
        if (failed?.State?.Terminated is { } terminated)
        {
            var text = observation.Log ?? terminated.Message;
            tail ??= LogTail.Tail(terminated.Message, logTailLines, secrets);
            return Container(failed.Name, terminated, LogTail.Lines(text), tail, secrets);
        }

        if (JobCondition(observation.Job, null) is { } jobFailed)
        {
            return new BuildFailure(Reasons.BuildFailed, Scrub($"The build Job failed ({jobFailed.Reason}): {jobFailed.Message}", secrets), tail);
        }

        return null;
    }

    /// <summary>Classifies a deploy: image pulls that cannot succeed, crash loops, or the helm Job's error.</summary>
    /// <param name="observation">What was observed.</param>
    /// <returns>The failure, or null when nothing has failed (yet).</returns>
    public BuildFailure? ClassifyDeploy(DeployObservation observation)
    {
        foreach (var pod in observation.Pods ?? [])
        {
            foreach (var status in (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []))
            {
                if (status.State?.Waiting is not { } waiting)
                {
                    continue;
                }

                if (waiting.Reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName"
                    && FailurePatterns.Match(FailurePatterns.Pull, [$"{waiting.Reason} {waiting.Message}"]) is { } pull)
                {
                    return new BuildFailure(pull.Pattern.Reason, Scrub($"{pull.Pattern.Summary}: {status.Image}: {waiting.Message}", null), null, status.Name);
                }

                if (waiting.Reason == "CrashLoopBackOff")
                {
                    var last = status.LastState?.Terminated;
                    var detail = last is null ? "" : $" (exit {last.ExitCode}{(last.Reason is { } r ? ", " + r : "")})";
                    return new BuildFailure(Reasons.DeployFailed, Scrub($"Container {status.Name} of pod {pod.Metadata?.Name} keeps crashing{detail}", null), LogTail.Tail(last?.Message, logTailLines), status.Name);
                }
            }
        }

        if (observation.HelmJobName is null && observation.HelmJobLog is null)
        {
            return null;
        }

        var lines = LogTail.Lines(observation.HelmJobLog);
        var line = lines.LastOrDefault(l => HelmErrorLine().IsMatch(l)) ?? FailurePatterns.LastErrorLine(lines);
        var job = observation.HelmJobName is null ? "" : $" (helm job {observation.HelmJobName})";
        var message = line is null ? $"The Helm release failed to install or upgrade{job}" : $"The Helm release failed to install or upgrade{job}: {Shorten(line)}";
        return new BuildFailure(Reasons.DeployFailed, Scrub(message, null), LogTail.Tail(observation.HelmJobLog, logTailLines));
    }

    private static BuildFailure Container(string name, V1ContainerStateTerminated terminated, IReadOnlyList<string> lines, string? tail, IReadOnlyCollection<string>? secrets)
    {
        var git = name == BuildJobRenderer.GitCloneContainerName;
        if (terminated.Reason == "OOMKilled")
        {
            return new BuildFailure(Reasons.BuildFailed, git
                ? "Cloning the repository ran out of memory"
                : "The build ran out of memory and was killed; raise spec.resources.limits.memory of the AppBuild", tail, name);
        }

        var patterns = git ? FailurePatterns.Git : FailurePatterns.Build;
        if (FailurePatterns.Match(patterns, lines) is { } match)
        {
            return new BuildFailure(match.Pattern.Reason, Scrub($"{match.Pattern.Summary}: {Shorten(match.Line)}", secrets), tail, name);
        }

        var what = git ? "Cloning the repository failed" : "The build failed";
        var lastLine = FailurePatterns.LastErrorLine(lines);
        var message = lastLine is null ? $"{what} (exit code {terminated.ExitCode})" : $"{what} (exit code {terminated.ExitCode}): {Shorten(lastLine)}";
        return new BuildFailure(Reasons.BuildFailed, Scrub(message, secrets), tail, name);
    }

    /// <summary>The scheduler's refusal, with what the pod asked for when resources are short.</summary>
    private static string? Unschedulable(BuildObservation observation)
    {
        var condition = observation.Pod?.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable");
        var scheduler = condition?.Message
            ?? observation.Events?.Where(e => e.Reason == "FailedScheduling").OrderBy(e => e.LastTimestamp ?? e.EventTime).LastOrDefault()?.Message;
        var scheduled = observation.Pod?.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "True") == true;
        if (scheduler is null || scheduled)
        {
            return null;
        }

        var spec = observation.Pod?.Spec ?? observation.Job?.Spec?.Template?.Spec;
        var cpuShort = scheduler.Contains("Insufficient cpu", StringComparison.OrdinalIgnoreCase);
        var memoryShort = scheduler.Contains("Insufficient memory", StringComparison.OrdinalIgnoreCase);
        if (!cpuShort && !memoryShort)
        {
            return $"The build pod cannot be scheduled: {scheduler.Trim()}";
        }

        var asked = new List<string>();
        foreach (var (resource, isShort) in new[] { ("cpu", cpuShort), ("memory", memoryShort) })
        {
            if (isShort && PodRequests.Effective(spec, resource) is { } amount)
            {
                asked.Add($"{PodRequests.Format(amount, resource)} {resource}");
            }
        }

        var what = asked.Count > 0 ? $"asked for {string.Join(" and ", asked)}; " : "";
        return $"The build pod cannot be scheduled: {what}{scheduler.Trim()} Lower spec.resources of the AppBuild or add a larger node.";
    }

    /// <summary>A pod that will never start: a build image that cannot be pulled, a missing Secret.</summary>
    private static BuildFailure? Stuck(V1Pod? pod, IReadOnlyList<Corev1Event>? events)
    {
        foreach (var status in (pod?.Status?.InitContainerStatuses ?? []).Concat(pod?.Status?.ContainerStatuses ?? []))
        {
            if (status.State?.Waiting is not { } waiting)
            {
                continue;
            }

            if (waiting.Reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName"
                && FailurePatterns.Match(FailurePatterns.Pull, [$"{waiting.Reason} {waiting.Message}"]) is { } pull)
            {
                return new BuildFailure(pull.Pattern.Reason, $"{pull.Pattern.Summary}: {status.Image}: {waiting.Message}", null, status.Name);
            }

            if (waiting.Reason is "CreateContainerConfigError" or "CreateContainerError")
            {
                return SecretFailure(pod!, waiting.Message) ?? new BuildFailure(Reasons.BuildFailed, $"The build pod cannot start: {waiting.Message}", null, status.Name);
            }
        }

        var mount = events?.Where(e => e.Reason == "FailedMount").Select(e => e.Message).LastOrDefault(m => m is not null);
        return mount is null || pod is null ? null : SecretFailure(pod, mount);
    }

    /// <summary>A missing or incomplete Secret, classified by what the pod uses it for.</summary>
    private static BuildFailure? SecretFailure(V1Pod pod, string? message)
    {
        if (message is null || MissingSecret().Match(message) is not { Success: true } match)
        {
            return null;
        }

        var secret = match.Groups["name"].Value;
        var volume = pod.Spec?.Volumes?.FirstOrDefault(v => v.Secret?.SecretName == secret)?.Name;
        var envUse = pod.Spec?.InitContainers?.Concat(pod.Spec.Containers ?? []).SelectMany(c => c.Env ?? [])
            .FirstOrDefault(e => e.ValueFrom?.SecretKeyRef?.Name == secret)?.Name;
        return volume == BuildJobRenderer.DockerConfigVolume
            ? new BuildFailure(Reasons.RegistryAuthFailed, $"The registry Secret '{secret}' is missing or has no .dockerconfigjson: {message}", null)
            : volume == GitCloneContainer.AuthVolume || envUse is GitCloneScript.UsernameVariable or GitCloneScript.PasswordVariable
                ? new BuildFailure(Reasons.GitAuthFailed, $"The git credentials Secret '{secret}' is missing or incomplete: {message}", null)
                : new BuildFailure(Reasons.BuildFailed, $"The build pod cannot start, Secret '{secret}' is missing: {message}", null);
    }

    private static V1JobCondition? JobCondition(V1Job? job, string? reason) =>
        job?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True" && (reason is null || c.Reason == reason));

    private static string? FailedOrRunning(V1Pod? pod) =>
        (pod?.Status?.InitContainerStatuses ?? []).Concat(pod?.Status?.ContainerStatuses ?? [])
            .LastOrDefault(s => s.State?.Terminated is not null || s.State?.Running is not null)?.Name;

    private static string Scrub(string text, IReadOnlyCollection<string>? secrets) => SecretScrubber.Scrub(text, secrets);

    private static string Shorten(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length <= MaxLineInMessage ? trimmed : trimmed[..MaxLineInMessage] + "…";
    }

    [GeneratedRegex("""secrets? "(?<name>[a-z0-9.-]+)" not found|couldn't find key \S+ in Secret \S+?/(?<name>[a-z0-9.-]+)""")]
    private static partial Regex MissingSecret();

    [GeneratedRegex(@"^\s*Error:|UPGRADE FAILED|INSTALLATION FAILED")]
    private static partial Regex HelmErrorLine();
}

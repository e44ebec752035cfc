using System.Text.RegularExpressions;
using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>What a successful build pod reported.</summary>
/// <param name="Commit">The full commit SHA the clone step checked out, or null.</param>
/// <param name="Digest">The pushed image's digest (<c>sha256:…</c>), or null.</param>
public sealed record BuildOutput(string? Commit, string? Digest);

/// <summary>
/// Reads the results of build pods from their termination messages: the clone step writes the commit,
/// kaniko its <c>--digest-file</c> (<c>sha256:…</c>), the CNB creator its <c>report.toml</c>
/// (<c>[image] digest = "sha256:…"</c>). Only containers that exited 0 are read: on failure the
/// message is the log tail (<c>FallbackToLogsOnError</c>).
/// </summary>
public static partial class BuildResults
{
    /// <summary>The commit and digest reported by a build or resolve pod.</summary>
    /// <param name="pod">The pod.</param>
    /// <returns>What was reported (fields null when absent).</returns>
    public static BuildOutput Read(V1Pod pod)
    {
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []).ToList();
        var clone = statuses.FirstOrDefault(s => s.Name == BuildJobRenderer.GitCloneContainerName);
        var build = statuses.FirstOrDefault(s => s.Name == BuildJobRenderer.BuildContainerName);
        return new BuildOutput(CommitOf(SucceededMessage(clone)), DigestOf(SucceededMessage(build)));
    }

    /// <summary>The full commit SHA in a clone step's termination message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The SHA, or null when the message is not one.</returns>
    public static string? CommitOf(string? message) =>
        message?.Trim() is { } text && BuildPlanner.IsFullSha(text) ? text : null;

    /// <summary>The image digest in a kaniko digest file or a CNB report.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The digest, or null.</returns>
    public static string? DigestOf(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        // report.toml: take the [image] digest, not an image-id or a buildpack's own sha256.
        if (ReportDigestPattern().Match(message) is { Success: true } report)
        {
            return report.Groups["digest"].Value;
        }

        return BareDigestPattern().Match(message.Trim()) is { Success: true } bare ? bare.Value : null;
    }

    private static string? SucceededMessage(V1ContainerStatus? status) =>
        status?.State?.Terminated is { ExitCode: 0 } terminated ? terminated.Message : null;

    [GeneratedRegex("""(?m)^\s*digest\s*=\s*"(?<digest>sha256:[a-f0-9]{64})"\s*$""")]
    private static partial Regex ReportDigestPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex BareDigestPattern();
}

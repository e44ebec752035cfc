using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>Why a build or deploy failed, ready for <c>status.reason</c>, <c>status.message</c> and <c>status.logTail</c>.</summary>
/// <param name="Reason">The failure class: a <see cref="ShapeBlock.Api.Reasons"/> value.</param>
/// <param name="Message">A human sentence with the decisive log line; secrets masked.</param>
/// <param name="LogTail">The last log lines, secrets masked; null when no log was available.</param>
/// <param name="Container">The container that failed, when one did.</param>
public sealed record BuildFailure(string Reason, string Message, string? LogTail, string? Container = null);

/// <summary>What the reconciler observed of a build: the Job, its pod, the pod's events and the failed container's log.</summary>
public sealed record BuildObservation
{
    /// <summary>The build Job.</summary>
    public V1Job? Job { get; init; }

    /// <summary>The build pod.</summary>
    public V1Pod? Pod { get; init; }

    /// <summary>Events of the pod (FailedScheduling, FailedMount).</summary>
    public IReadOnlyList<Corev1Event>? Events { get; init; }

    /// <summary>The last lines of the log of <see cref="BuildFailureClassifier.FailedContainer"/> (the termination message is used when null).</summary>
    public string? Log { get; init; }

    /// <summary>Values to mask wherever they appear (e.g. build variable values the user marked secret).</summary>
    public IReadOnlyCollection<string>? KnownSecrets { get; init; }
}

/// <summary>What the reconciler observed of a deploy: the helm-controller Job and the release's pods.</summary>
public sealed record DeployObservation
{
    /// <summary>The helm-controller install/upgrade Job that failed, if one did.</summary>
    public string? HelmJobName { get; init; }

    /// <summary>The log of the failed helm Job.</summary>
    public string? HelmJobLog { get; init; }

    /// <summary>The pods of the release (<c>app.kubernetes.io/instance=&lt;app&gt;</c>).</summary>
    public IReadOnlyList<V1Pod>? Pods { get; init; }
}

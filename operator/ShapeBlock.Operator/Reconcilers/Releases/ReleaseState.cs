using ShapeBlock.Operator.Apps;

namespace ShapeBlock.Operator.Reconcilers.Releases;

/// <summary>Where an app's Helm release stands.</summary>
internal enum ReleaseStage
{
    /// <summary>helm-controller has not finished the install or upgrade, or the Deployments are rolling out.</summary>
    Installing,

    /// <summary>The install Job succeeded and every Deployment of the release is updated and available.</summary>
    Ready,

    /// <summary>The install Job failed.</summary>
    Failed,
}

/// <summary>The observed state of a release, with the helm failure when there is one.</summary>
internal sealed record ReleaseState(ReleaseStage Stage, string Message, BuildFailure? Failure = null, string? HelmJobName = null)
{
    public static ReleaseState Installing(string message) => new(ReleaseStage.Installing, message);
}

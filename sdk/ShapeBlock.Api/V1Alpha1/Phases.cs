namespace ShapeBlock.Api.V1Alpha1;

/// <summary>Lifecycle phase of a <see cref="Project"/>.</summary>
public enum ProjectPhase
{
    /// <summary>The namespace and its contents are being created.</summary>
    Initializing,

    /// <summary>The namespace is ready for apps.</summary>
    Active,

    /// <summary>Reconciling failed; the message says why.</summary>
    Failed,

    /// <summary>The project and its namespace are being deleted.</summary>
    Terminating,
}

/// <summary>Lifecycle phase of an <see cref="App"/>.</summary>
public enum AppPhase
{
    /// <summary>Accepted; nothing deployed yet.</summary>
    Initializing,

    /// <summary>The release is deployed and available.</summary>
    Ready,

    /// <summary>A build of the app is running.</summary>
    Building,

    /// <summary>The release is being installed or upgraded.</summary>
    Deploying,

    /// <summary>Reconciling failed; the message says why.</summary>
    Failed,
}

/// <summary>Lifecycle phase of an <see cref="AppBuild"/> (values kept from the existing contract).</summary>
public enum AppBuildPhase
{
    /// <summary>Accepted, not started.</summary>
    Pending,

    /// <summary>Waiting for an earlier build of the same app.</summary>
    Queued,

    /// <summary>The build Job is running.</summary>
    Building,

    /// <summary>The image is being deployed to the app.</summary>
    Deploying,

    /// <summary>Built and deployed; the app is ready with the new image.</summary>
    Completed,

    /// <summary>The build or the deploy failed; see reason, message and logTail.</summary>
    Failed,

    /// <summary>A newer build of the same app was queued, so this one will not run.</summary>
    Superseded,
}

/// <summary>Lifecycle phase of a <see cref="Service"/>.</summary>
public enum ServicePhase
{
    /// <summary>Accepted, not started.</summary>
    Pending,

    /// <summary>The chart is being installed or upgraded.</summary>
    Deploying,

    /// <summary>The release is installed and its workloads are ready.</summary>
    Deployed,

    /// <summary>Reconciling failed; the message says why.</summary>
    Failed,

    /// <summary>The release is being uninstalled.</summary>
    Deleting,
}

/// <summary>Lifecycle phase of a <see cref="Team"/>.</summary>
public enum TeamPhase
{
    /// <summary>Every role binding exists.</summary>
    Active,

    /// <summary>Reconciling failed; the message says why.</summary>
    Failed,
}

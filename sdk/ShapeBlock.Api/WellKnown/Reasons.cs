namespace ShapeBlock.Api;

/// <summary>
/// Machine-readable reasons for conditions, events and <c>AppBuild.status.reason</c>.
/// UpperCamelCase, as Kubernetes requires of condition reasons.
/// </summary>
public static class Reasons
{
    /// <summary>Everything the resource declares exists and is ready.</summary>
    public const string Reconciled = "Reconciled";

    /// <summary>Work is under way; the message says what is awaited.</summary>
    public const string Progressing = "Progressing";

    /// <summary>The spec is inconsistent in a way the schema cannot express.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>A Secret the resource refers to does not exist or has the wrong type.</summary>
    public const string SecretNotFound = "SecretNotFound";

    /// <summary>A Project or Service the resource refers to does not exist.</summary>
    public const string DependencyNotFound = "DependencyNotFound";

    /// <summary>The resource is being deleted.</summary>
    public const string Deleting = "Deleting";

    /// <summary>Build failure: the git server refused the credentials.</summary>
    public const string GitAuthFailed = "GitAuthFailed";

    /// <summary>Build failure: the repository does not exist (or is private and no key was given).</summary>
    public const string GitRepoNotFound = "GitRepoNotFound";

    /// <summary>Build failure: the branch, tag or commit does not exist.</summary>
    public const string GitRefNotFound = "GitRefNotFound";

    /// <summary>Build failure: the git host could not be reached.</summary>
    public const string GitUnreachable = "GitUnreachable";

    /// <summary>Build failure: the registry refused the push credentials.</summary>
    public const string RegistryAuthFailed = "RegistryAuthFailed";

    /// <summary>Build failure: the Dockerfile or buildpack build itself failed.</summary>
    public const string BuildFailed = "BuildFailed";

    /// <summary>Build failure: no node has the CPU or memory the build asks for.</summary>
    public const string Unschedulable = "Unschedulable";

    /// <summary>Build failure: the build ran past <c>spec.timeoutSeconds</c>.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The Helm release failed to install or upgrade.</summary>
    public const string DeployFailed = "DeployFailed";

    /// <summary>The image to deploy does not exist.</summary>
    public const string ImageNotFound = "ImageNotFound";

    /// <summary>A newer build of the same app replaced this queued one.</summary>
    public const string Superseded = "Superseded";
}

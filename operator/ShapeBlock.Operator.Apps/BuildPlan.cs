using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// What a build will do, decided before any Job exists. When <see cref="NeedsCommit"/> is true the tag
/// (the short commit SHA) is not known yet: run the resolve Job first, then plan again with its commit.
/// </summary>
public sealed record BuildPlan
{
    /// <summary>How the image is built.</summary>
    public required BuildType Type { get; init; }

    /// <summary>Name of the build Job (the AppBuild's name, fitted to 63 characters).</summary>
    public required string JobName { get; init; }

    /// <summary>Name of the commit-resolving Job (<c>&lt;build&gt;-resolve</c>).</summary>
    public required string ResolveJobName { get; init; }

    /// <summary>Name of the Secret holding buildpack build variables (<c>&lt;build&gt;-buildvars</c>).</summary>
    public required string BuildVarsSecretName { get; init; }

    /// <summary>The clone URL.</summary>
    public required GitUrl Git { get; init; }

    /// <summary>What the clone step checks out: the resolved commit when known, else the ref; null for the default branch.</summary>
    public string? GitRef { get; init; }

    /// <summary>The image tag; null until the commit is known.</summary>
    public string? Tag { get; init; }

    /// <summary>Where the image is pushed; null until the tag is known.</summary>
    public ImageReference? Destination { get; init; }

    /// <summary>The layer cache repository of the app.</summary>
    public required ImageReference Cache { get; init; }

    /// <summary>Build variables: the app's, then the build's (a build variable wins over the app's of the same key).</summary>
    public required IReadOnlyList<BuildVar> BuildVars { get; init; }

    /// <summary>The build context inside the repository (normalised, no leading or trailing '/'); empty for the root.</summary>
    public required string SubPath { get; init; }

    /// <summary>The Dockerfile path relative to the context (dockerfile builds).</summary>
    public required string Dockerfile { get; init; }

    /// <summary>The builder image (buildpack builds).</summary>
    public required string BuilderImage { get; init; }

    /// <summary>The registry Secret (<c>kubernetes.io/dockerconfigjson</c>) used to push.</summary>
    public required string RegistrySecret { get; init; }

    /// <summary>The build timeout in seconds.</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>True while the tag waits for the commit the resolve Job reports.</summary>
    public bool NeedsCommit => Tag is null;
}

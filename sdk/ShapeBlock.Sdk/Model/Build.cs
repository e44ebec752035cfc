namespace ShapeBlock.Sdk.Model;

/// <summary>How an app's image is made. Create one with <see cref="Dockerfile"/>, <see cref="Buildpack"/> or <see cref="Image"/>.</summary>
public sealed record Build
{
    /// <summary>The default Cloud Native Buildpacks builder.</summary>
    public const string DefaultBuilder = "paketobuildpacks/builder-jammy-base";

    private Build(BuildKind type)
    {
        Type = type;
    }

    /// <summary>The kind of build.</summary>
    public BuildKind Type { get; }

    /// <summary>The Dockerfile path relative to the build context (dockerfile builds).</summary>
    public string? DockerfilePath { get; private init; }

    /// <summary>The CNB builder image (buildpack builds).</summary>
    public string? BuilderImage { get; private init; }

    /// <summary>The image to deploy (image builds), e.g. <c>ghcr.io/acme/web:1.2</c>.</summary>
    public string? ImageReference { get; private init; }

    /// <summary>Build the repository's Dockerfile (with kaniko, inside the cluster).</summary>
    /// <param name="path">The Dockerfile path relative to the build context.</param>
    /// <returns>The build.</returns>
    public static Build Dockerfile(string path = "Dockerfile") => new(BuildKind.Dockerfile) { DockerfilePath = path };

    /// <summary>Build with Cloud Native Buildpacks (no Dockerfile needed).</summary>
    /// <param name="builder">The builder image.</param>
    /// <returns>The build.</returns>
    public static Build Buildpack(string builder = DefaultBuilder) => new(BuildKind.Buildpack) { BuilderImage = builder };

    /// <summary>Deploy an existing image; nothing is built and no git repository is needed.</summary>
    /// <param name="image">The image reference.</param>
    /// <returns>The build.</returns>
    public static Build Image(string image) => new(BuildKind.Image) { ImageReference = image };
}

/// <summary>Kinds of builds.</summary>
public enum BuildKind
{
    /// <summary>A Dockerfile built with kaniko.</summary>
    Dockerfile,

    /// <summary>Cloud Native Buildpacks.</summary>
    Buildpack,

    /// <summary>An existing image.</summary>
    Image,
}

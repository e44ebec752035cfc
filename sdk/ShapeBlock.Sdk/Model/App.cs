namespace ShapeBlock.Sdk.Model;

/// <summary>An app: source (git or image), how it is built and how it runs, in its project's namespace.</summary>
public sealed class App : Resource
{
    private readonly List<AppBuild> builds = [];

    internal App(string name, Project project, AppArgs args)
        : base(name)
    {
        Project = project;
        Args = args;
    }

    /// <summary>The project the app belongs to.</summary>
    public Project Project { get; }

    /// <summary>The app's settings.</summary>
    public AppArgs Args { get; }

    /// <summary>The builds declared for the app.</summary>
    public IReadOnlyList<AppBuild> Builds => builds;

    /// <inheritdoc />
    public override string Path => $"{Project.Path}/{Name}";

    /// <summary>Declares a build-and-deploy of the app.</summary>
    /// <param name="name">The AppBuild name (unique in the project).</param>
    /// <param name="args">The git ref or image tag to deploy.</param>
    /// <returns>The build.</returns>
    public AppBuild AddBuild(string name, AppBuildArgs args)
    {
        var build = new AppBuild(name, this, args ?? throw new ArgumentNullException(nameof(args)));
        builds.Add(build);
        return build;
    }

    /// <summary>Builds and deploys a branch, tag or commit; the build is named <c>&lt;app&gt;-&lt;ref&gt;</c>.</summary>
    /// <param name="gitRef">A branch, tag or commit SHA (for image apps: the image tag).</param>
    /// <returns>The build.</returns>
    public AppBuild Deploy(string gitRef)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gitRef);
        var slug = new string([.. gitRef.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        var args = Args.Build.Type == BuildKind.Image ? new AppBuildArgs { ImageTag = gitRef } : new AppBuildArgs { GitRef = gitRef };
        return AddBuild($"{Name}-{slug}", args);
    }
}

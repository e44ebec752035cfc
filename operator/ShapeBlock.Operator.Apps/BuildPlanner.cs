using System.Text.RegularExpressions;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// Decides the tag, destination, cache, ref and variables of a build (operator.md, AppBuild reconciler).
/// <para>
/// Tag when <c>imageTag</c> is empty — the short commit SHA. A branch or tag name resolves to a commit
/// only inside the cluster (the git credentials never leave it), and kaniko and the CNB creator take
/// their destination as an exec argument, fixed when the Job is created. So such builds run in two
/// steps: a resolve Job (the clone step alone) reports the commit, then the build Job clones exactly
/// that commit and pushes <c>:&lt;sha7&gt;</c>. The tag is known at once — one Job — when
/// <c>imageTag</c> is set or the ref already is a full commit SHA.
/// </para>
/// </summary>
public static partial class BuildPlanner
{
    /// <summary>Length of the short commit SHA used as tag (git's default abbreviation).</summary>
    public const int ShortShaLength = 7;

    /// <summary>Plans a build.</summary>
    /// <param name="app">The App being built.</param>
    /// <param name="build">The AppBuild.</param>
    /// <param name="options">Build settings.</param>
    /// <param name="resolvedCommit">The full commit SHA the resolve Job reported, when it has run.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="InvalidOperationException">The App cannot be built as specified (image app, no git or registry, bad paths); the message is fit for status.</exception>
    public static BuildPlan Plan(App app, AppBuild build, BuildOptions options, string? resolvedCommit = null)
    {
        var spec = app.Spec;
        if (!string.Equals(build.Spec.AppName, app.Metadata.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"AppBuild '{build.Metadata.Name}' is for app '{build.Spec.AppName}', not '{app.Metadata.Name}'");
        }

        if (spec.Build.Type == BuildType.Image)
        {
            throw new InvalidOperationException($"app '{app.Metadata.Name}' has build.type image: nothing is built, deploy {nameof(ImageForImageApp)} instead");
        }

        var git = spec.Git ?? throw new InvalidOperationException("spec.git is required for dockerfile and buildpack builds");
        var registry = spec.Registry ?? throw new InvalidOperationException("spec.registry is required for dockerfile and buildpack builds");
        var ns = ResourceMetadata.ProjectNamespace(app);
        var gitUrl = Wrap(() => GitUrl.Parse(git.Url));
        var cache = Wrap(() => ImageReference.CacheFor(registry.Url, ns, app.Metadata.Name));

        var gitRef = build.Spec.GitRef is { Length: > 0 } r ? r : git.Branch is { Length: > 0 } b ? b : null;
        string? tag;
        if (build.Spec.ImageTag is { Length: > 0 } imageTag)
        {
            tag = imageTag;
        }
        else if (gitRef is not null && IsFullSha(gitRef))
        {
            tag = gitRef[..ShortShaLength];
        }
        else if (resolvedCommit is not null)
        {
            if (!IsFullSha(resolvedCommit))
            {
                throw new InvalidOperationException($"the resolve step reported '{resolvedCommit}', which is not a commit SHA");
            }

            // Build exactly the resolved commit: the branch may move between the two Jobs.
            gitRef = resolvedCommit;
            tag = resolvedCommit[..ShortShaLength];
        }
        else
        {
            tag = null;
        }

        var buildName = build.Metadata.Name;
        return new BuildPlan
        {
            Type = spec.Build.Type,
            JobName = KubeNames.Fit(buildName),
            ResolveJobName = KubeNames.Fit(buildName, "-resolve"),
            BuildVarsSecretName = KubeNames.Fit(buildName, "-buildvars", 253),
            Git = gitUrl,
            GitRef = gitRef,
            Tag = tag,
            Destination = tag is null ? null : Wrap(() => ImageReference.ForBuild(registry.Url, ns, app.Metadata.Name, tag)),
            Cache = cache,
            BuildVars = MergeVars(spec.Build.BuildVars, build.Spec.BuildVars),
            SubPath = RelativePath(git.SubPath, "git.subPath"),
            Dockerfile = RelativePath(spec.Build.Dockerfile is { Length: > 0 } d ? d : "Dockerfile", "build.dockerfile"),
            BuilderImage = spec.Build.BuilderImage is { Length: > 0 } builder ? builder : options.DefaultBuilderImage,
            RegistrySecret = registry.SecretName is { Length: > 0 } secret ? secret : options.DefaultRegistrySecret,
            TimeoutSeconds = build.Spec.TimeoutSeconds ?? options.DefaultTimeoutSeconds,
        };
    }

    /// <summary>The image an image app deploys: <c>build.image</c>, retagged with the AppBuild's <c>imageTag</c> when given.</summary>
    /// <param name="app">The App (build.type image).</param>
    /// <param name="imageTag">The AppBuild's imageTag, or null.</param>
    /// <returns>The image.</returns>
    /// <exception cref="InvalidOperationException">build.image is missing or invalid.</exception>
    public static ImageReference ImageForImageApp(App app, string? imageTag = null)
    {
        var text = app.Spec.Build.Image is { Length: > 0 } i ? i : throw new InvalidOperationException("build.image is required when build.type is image");
        var image = Wrap(() => ImageReference.Parse(text));
        return imageTag is { Length: > 0 } tag ? Wrap(() => image.WithTag(tag)) : image;
    }

    /// <summary>True for a full commit SHA (40 hex digits, or 64 in SHA-256 repositories).</summary>
    /// <param name="value">The text.</param>
    /// <returns>Whether it is a full SHA.</returns>
    public static bool IsFullSha(string value) => FullShaPattern().IsMatch(value);

    /// <summary>App variables then build variables; a build variable replaces the app's of the same key in place.</summary>
    /// <param name="appVars">The App's <c>build.buildVars</c>.</param>
    /// <param name="buildVars">The AppBuild's <c>buildVars</c>.</param>
    /// <returns>The merged list, one entry per key.</returns>
    public static IReadOnlyList<BuildVar> MergeVars(IEnumerable<BuildVar>? appVars, IEnumerable<BuildVar>? buildVars)
    {
        var merged = new List<BuildVar>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var variable in (appVars ?? []).Concat(buildVars ?? []))
        {
            if (index.TryGetValue(variable.Key, out var at))
            {
                merged[at] = variable;
            }
            else
            {
                index[variable.Key] = merged.Count;
                merged.Add(variable);
            }
        }

        return merged;
    }

    private static string RelativePath(string? path, string field)
    {
        var trimmed = (path ?? "").Trim().TrimEnd('/');
        if (trimmed.StartsWith('/'))
        {
            throw new InvalidOperationException($"{field} '{path}' must be relative to the repository");
        }

        var parts = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is ".." or ".") || trimmed.Any(char.IsControl))
        {
            throw new InvalidOperationException($"{field} '{path}' may not contain '.' or '..' segments");
        }

        return string.Join('/', parts);
    }

    private static T Wrap<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    [GeneratedRegex("^([0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex FullShaPattern();
}

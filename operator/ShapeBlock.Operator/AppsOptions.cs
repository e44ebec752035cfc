using ShapeBlock.Operator.Apps;

namespace ShapeBlock.Operator;

/// <summary>Configuration of app builds and deploys, read from the environment.</summary>
public sealed record AppsOptions
{
    /// <summary>Build images and defaults (<c>KANIKO_IMAGE</c>, <c>GIT_IMAGE</c>, <c>BUILDPACK_BUILDER_IMAGE</c>, <c>INSECURE_REGISTRIES</c>).</summary>
    public BuildOptions Build { get; init; } = new();

    /// <summary>How apps are deployed (<c>APP_CHART_REPO</c>, <c>APP_CHART_NAME</c>, <c>APP_CHART_VERSION</c>, <c>INGRESS_CLASS</c>, <c>CLUSTER_ISSUER</c>).</summary>
    public AppRenderOptions Render { get; init; } = new();

    /// <summary>
    /// How long a build pod may wait for a node before the build fails as <c>Unschedulable</c>
    /// (<c>BUILD_UNSCHEDULABLE_TIMEOUT</c> seconds, default 60): long enough for another build to finish
    /// and free memory, short enough that a build no node can ever hold fails with the reason.
    /// </summary>
    public TimeSpan UnschedulableTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reconciles run at once by each of the app, build and service controllers (<c>APP_RECONCILE_WORKERS</c>,
    /// default 16): their reconciles mostly wait on the API server (a few requests in a row each), so it takes more
    /// workers than cores to keep a burst of apps moving (measured: 1,000 apps converged ~15% sooner than with 4).
    /// </summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>The default of <see cref="Workers"/>.</summary>
    public const int DefaultWorkers = 16;

    /// <summary>Lines of a failed build's log kept in <c>status.logTail</c>.</summary>
    public int LogTailLines { get; init; } = 20;

    /// <summary>Reads the options from environment variables.</summary>
    /// <param name="env">Variable lookup.</param>
    /// <returns>The options.</returns>
    public static AppsOptions FromEnvironment(Func<string, string?> env)
    {
        string? Get(string name) => env(name) is { Length: > 0 } value ? value.Trim() : null;
        var build = new BuildOptions();
        build = build with
        {
            KanikoImage = Get("KANIKO_IMAGE") ?? build.KanikoImage,
            GitImage = Get("GIT_IMAGE") ?? build.GitImage,
            DefaultBuilderImage = Get("BUILDPACK_BUILDER_IMAGE") ?? build.DefaultBuilderImage,
            InsecureRegistries = Get("INSECURE_REGISTRIES") is { } insecure
                ? insecure.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : build.InsecureRegistries,
        };
        var render = new AppRenderOptions();
        render = render with
        {
            Chart = new ChartReference(
                Get("APP_CHART_REPO") ?? render.Chart.Repo,
                Get("APP_CHART_NAME") ?? render.Chart.Chart,
                Get("APP_CHART_VERSION") ?? render.Chart.Version),
            IngressClassName = Get("INGRESS_CLASS") ?? render.IngressClassName,
            ClusterIssuer = Get("CLUSTER_ISSUER") ?? render.ClusterIssuer,
        };
        return new AppsOptions
        {
            Build = build,
            Render = render,
            Workers = int.TryParse(Get("APP_RECONCILE_WORKERS"), out var workers) && workers is >= 1 and <= 64 ? workers : DefaultWorkers,
            UnschedulableTimeout = int.TryParse(Get("BUILD_UNSCHEDULABLE_TIMEOUT"), out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(60),
        };
    }
}

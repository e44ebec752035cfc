using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>The order of an app's builds: by creation time, then by name (creation times have one-second resolution).</summary>
internal static class BuildOrder
{
    public static int Compare(AppBuild a, AppBuild b)
    {
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    public static bool IsNewer(AppBuild candidate, AppBuild than) => Compare(candidate, than) > 0;

    public static AppBuild? Latest(IEnumerable<AppBuild> builds) =>
        builds.Aggregate((AppBuild?)null, (best, b) => best is null || IsNewer(b, best) ? b : best);

    public static bool IsWaiting(AppBuild build) => build.Status?.Phase is null or AppBuildPhase.Pending or AppBuildPhase.Queued;

    public static bool IsActive(AppBuild build) => build.Status?.Phase is AppBuildPhase.Building or AppBuildPhase.Deploying;

    public static bool IsTerminal(AppBuild build) => build.Status?.Phase is AppBuildPhase.Completed or AppBuildPhase.Failed or AppBuildPhase.Superseded;
}

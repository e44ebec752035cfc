using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>What a build that has not started yet should do.</summary>
internal enum BuildTurn
{
    /// <summary>Start now.</summary>
    Start,

    /// <summary>Wait: an older build of the app is building or deploying.</summary>
    Queued,

    /// <summary>Never run: a newer build of the app exists (only the latest matters).</summary>
    Superseded,
}

/// <summary>One build at a time per app; of the builds waiting, only the newest runs.</summary>
internal static class BuildScheduler
{
    /// <param name="build">A build that has not started.</param>
    /// <param name="siblings">The app's other builds (not being deleted).</param>
    /// <param name="isStarted">Whether a build has started (its status says so, its Job exists, or this process started it).</param>
    public static (BuildTurn Turn, AppBuild? Because) Decide(AppBuild build, IEnumerable<AppBuild> siblings, Func<AppBuild, bool> isStarted)
    {
        var others = siblings.Where(b => b.Metadata.Uid != build.Metadata.Uid).ToList();
        if (BuildOrder.Latest(others.Where(b => BuildOrder.IsNewer(b, build) && b.Status?.Phase != AppBuildPhase.Superseded)) is { } newer)
        {
            return (BuildTurn.Superseded, newer);
        }

        var running = others.Where(b => !BuildOrder.IsTerminal(b) && isStarted(b)).ToList();
        return running.Count > 0 ? (BuildTurn.Queued, BuildOrder.Latest(running)) : (BuildTurn.Start, null);
    }
}

using ShapeBlock.Sdk.Engine;

namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>Engine settings for CLI runs against the in-memory API server: short retries, bounded waits.</summary>
public static class TestEngine
{
    /// <summary>Every wait bounded by <paramref name="wait"/>; apps get <paramref name="appWait"/> (default the same).</summary>
    /// <param name="wait">Bound of the CRD, namespace, operator, project and delete waits.</param>
    /// <param name="appWait">Bound of the wait for apps to be Ready.</param>
    public static EngineOptions Options(TimeSpan wait, TimeSpan? appWait = null) => new()
    {
        RetryDelay = TimeSpan.FromMilliseconds(20),
        CrdTimeout = wait,
        NamespaceTimeout = wait,
        OperatorTimeout = wait,
        ProjectTimeout = wait,
        AppTimeout = appWait ?? wait,
        DeleteTimeout = wait,
        WatchSeconds = 10,
    };
}

using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Operator.Kube;

/// <summary>
/// Configures the JSON metadata of the kinds every start lists in bulk (Projects, Apps, AppBuilds, Namespaces,
/// Secrets) on a thread-pool thread, begun first thing in <c>Main</c>. Configuring it costs 20-30 ms of CPU (the type
/// graphs, and a reflection lookup of its assembly by every converter created: a kind's first list page decoded
/// 8-15 ms slower than its second), which otherwise runs once the first pages have arrived, on the path to ready;
/// begun early it overlaps the kubeconfig read, the connections and the server's first answers, while a core is idle
/// (operator-ready, 30 alternate runs: 117 -> 105 ms, same CPU). The codecs find the metadata configured (a context caches
/// it; a concurrent first use waits for the same configuration, never repeats it).
/// </summary>
internal static class JsonWarmUp
{
    /// <summary>Starts the warm-up; nothing waits for it.</summary>
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ => WarmUp(), null);

    private static void WarmUp()
    {
        try
        {
            _ = ShapeBlockJsonContext.Default.App;
            _ = ShapeBlockJsonContext.Default.AppBuild;
            _ = ShapeBlockJsonContext.Default.Project;
            _ = KubeJsonContext.Default.V1Secret;
            _ = KubeJsonContext.Default.V1Namespace;
        }
        catch (Exception)
        {
            // Only a head start: the first decode configures the same metadata and reports any error itself.
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>
/// Relays a running build's log lines to the ShapeBlock server: one streaming <c>follow=true</c> read per
/// container, started when the container starts (seen through the pod informer), in container order.
/// </summary>
internal sealed class BuildLogFollower(KubeRestClient client, ServerRelay? relay, ILogger<BuildLogFollower> logger) : IAsyncDisposable
{
    private static readonly string[] Containers = [BuildJobRenderer.GitCloneContainerName, BuildJobRenderer.BuildContainerName];
    private readonly ConcurrentDictionary<string, Task> following = new();
    private readonly CancellationTokenSource stopping = new();

    public bool Enabled => relay is not null;

    /// <summary>Starts following the containers of the build pod that have started and are not followed yet.</summary>
    public void Follow(string build, V1Pod pod)
    {
        if (relay is null || stopping.IsCancellationRequested)
        {
            return;
        }

        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []).ToList();
        foreach (var container in Containers)
        {
            var status = statuses.FirstOrDefault(s => s.Name == container);
            if (status?.State?.Running is null && status?.State?.Terminated is null)
            {
                continue;
            }

            var key = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}/{container}";
            following.GetOrAdd(key, _ => Task.Run(() => StreamAsync(build, pod, container, key)));
        }
    }

    /// <summary>Drops the bookkeeping of a finished build's pod.</summary>
    public void Forget(V1Pod pod)
    {
        var prefix = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}/";
        foreach (var key in following.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (following.TryGetValue(key, out var task) && task.IsCompleted)
            {
                following.TryRemove(key, out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(following.Values).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task StreamAsync(string build, V1Pod pod, string container, string key)
    {
        try
        {
            using var log = await client.ReadLogAsync(Resources.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, container, null, follow: true, stopping.Token).ConfigureAwait(false);
            using var reader = new StreamReader(log, Encoding.UTF8);
            while (await reader.ReadLineAsync(stopping.Token).ConfigureAwait(false) is { } line)
            {
                relay!.AppendBuildLog(build, line);
            }

            if (container == BuildJobRenderer.BuildContainerName)
            {
                relay!.CompleteBuildLog(build);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Log relaying is best effort: the build's outcome does not depend on it.
            logger.LogDebug("Build {Build}: following {Key} stopped: {Error}", build, key, e.Message);
        }
    }
}

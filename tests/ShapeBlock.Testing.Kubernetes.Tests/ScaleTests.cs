using System.Diagnostics;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class ScaleTests(ITestOutputHelper output) : ServerTest
{
    private const int ObjectCount = 10_000;
    private const int WatcherCount = 50;

    protected override InMemoryKubernetesOptions Options => new() { SeedCluster = true };

    [Fact]
    public async Task Ten_thousand_objects_reach_fifty_watchers_with_bounded_history_and_memory()
    {
        Namespace("scale");
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("scale")).Metadata.ResourceVersion;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        using var clients = new DisposableList<k8s.Kubernetes>([.. Enumerable.Range(0, 5).Select(_ => Server.CreateClient())]);
        var calls = Enumerable.Range(0, WatcherCount)
            .Select(i => clients.Items[i % clients.Items.Count].CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("scale", watch: true, resourceVersion: rv))
            .ToList();
        await Server.Watches.WaitForAsync(WatcherCount, "configmaps", TimeSpan.FromSeconds(30));

        // Writers: 4 concurrent clients creating 2,500 ConfigMaps each through the HTTP API.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var client = clients.Items[w];
            for (var i = w; i < ObjectCount; i += 4)
            {
                await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = $"cm-{i:00000}", Labels = new Dictionary<string, string> { ["batch"] = (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                    Data = new Dictionary<string, string> { ["value"] = new string('x', 64) },
                }, "scale");
            }
        })).ToList();

        var readers = calls.Select(call => Task.Run(async () =>
        {
            await using var watch = await WatchReader.OpenAsync(call, TimeSpan.FromSeconds(60));
            return await watch.CountAddedAsync(ObjectCount);
        })).ToList();

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(90));
        var written = clock.Elapsed;
        var counts = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(90));
        var delivered = clock.Elapsed;
        Assert.All(counts, c => Assert.Equal(ObjectCount, c));

        var configMaps = new ResourceKey("", "configmaps");
        Assert.Equal(ObjectCount, Server.Store.Count(configMaps));
        Assert.Equal(Server.Options.WatchHistoryLimit, Server.Store.HistoryCount(configMaps));
        var page = await Client.CoreV1.ListNamespacedConfigMapAsync("scale", limit: 500, labelSelector: "batch=3");
        Assert.Equal(500, page.Items.Count);
        Assert.Equal(500, page.Metadata.RemainingItemCount);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        output.WriteLine($"10,000 creates in {written.TotalSeconds:F1}s, all {WatcherCount}x{ObjectCount} events delivered in {delivered.TotalSeconds:F1}s, retained managed memory {retained / 1024 / 1024} MiB, process working set {Environment.WorkingSet / 1024 / 1024} MiB");

        // 10,000 small objects plus a 5,000-change history: tens of MiB, not hundreds.
        Assert.InRange(retained, 0, 150L * 1024 * 1024);
    }

    private sealed class DisposableList<T>(List<T> items) : IDisposable
        where T : IDisposable
    {
        public List<T> Items { get; } = items;

        public void Dispose() => Items.ForEach(i => i.Dispose());
    }
}

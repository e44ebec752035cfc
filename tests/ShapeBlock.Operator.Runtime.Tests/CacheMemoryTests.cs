using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Operator.Runtime.Tests;

/// <summary>What the cache keeps of an object: the same data, with repeated strings shared and managedFields dropped.</summary>
public sealed class CacheMemoryTests : IAsyncLifetime
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource stop = new();
    private InMemoryKubernetes server = null!;
    private Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        server = await InMemoryKubernetes.StartAsync();
        client = server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "a" } });
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        client.Dispose();
        await server.DisposeAsync();
        stop.Dispose();
    }

    [Fact]
    public async Task Cached_objects_share_repeated_strings_and_keep_every_value()
    {
        var longValue = new string('v', StringPool.MaxLength + 1);
        for (var i = 0; i < 3; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = $"m{i}",
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "shapeblock-operator", ["long"] = longValue },
                    Annotations = new Dictionary<string, string> { ["shapeblock.io/source-hash"] = $"hash-{i}" },
                    Finalizers = ["shapeblock.io/cleanup"],
                },
                Data = new Dictionary<string, string> { ["k"] = $"v{i}" },
            }, "a");
        }

        var informer = new Informer<V1ConfigMap>(new KubeRestClient(client), ConfigMaps, TestJsonContext.ConfigMapCodec, new InformerOptions { ResyncPeriod = TimeSpan.Zero }, NullLogger.Instance);
        _ = Task.Run(() => informer.RunAsync(stop.Token));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        // One more arrives through the watch, not the list.
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m3", Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "shapeblock-operator" } } }, "a");
        using (var timeout = new CancellationTokenSource(Bound))
        {
            while (informer.Cache.Count < 4)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        var cached = informer.Cache.List().OrderBy(m => m.Metadata.Name).ToList();
        var first = cached[0];
        foreach (var other in cached.Skip(1))
        {
            Assert.Same(first.ApiVersion, other.ApiVersion);
            Assert.Same(first.Kind, other.Kind);
            Assert.Same(first.Metadata.NamespaceProperty, other.Metadata.NamespaceProperty);
            Assert.Same(first.Metadata.Labels.Keys.First(k => k.StartsWith("app.", StringComparison.Ordinal)), other.Metadata.Labels.Keys.First(k => k.StartsWith("app.", StringComparison.Ordinal)));
            Assert.Same(first.Metadata.Labels["app.kubernetes.io/managed-by"], other.Metadata.Labels["app.kubernetes.io/managed-by"]);
        }

        Assert.Same(cached[0].Metadata.Finalizers[0], cached[1].Metadata.Finalizers[0]);
        // Long values are data, not repeated markers: left alone (equal, not shared).
        Assert.Equal(longValue, cached[0].Metadata.Labels["long"]);
        Assert.NotSame(cached[0].Metadata.Labels["long"], cached[1].Metadata.Labels["long"]);
        // Nothing is lost.
        Assert.Equal(["m0", "m1", "m2", "m3"], cached.Select(m => m.Metadata.Name));
        Assert.Equal("hash-2", cached[2].Metadata.Annotations["shapeblock.io/source-hash"]);
        Assert.Equal("v1", cached[1].Data["k"]);
        Assert.All(cached, m => Assert.Null(m.Metadata.ManagedFields));
    }

    [Fact]
    public void The_pool_is_bounded()
    {
        var pool = new StringPool(capacity: 100);
        var kept = pool.Get(new string("v1".ToCharArray()));
        for (var i = 0; i < 500; i++)
        {
            pool.Get($"unique-{i}");
        }

        Assert.Equal(100, pool.Count);
        var fresh = new string("after".ToCharArray());
        Assert.Same(fresh, pool.Get(fresh)); // full: new strings pass through
        Assert.Same(kept, pool.Get(new string("v1".ToCharArray()))); // known ones are still shared
        Assert.Same(pool.Get("unique-7"), pool.Get(new string("unique-7".ToCharArray())));
    }
}

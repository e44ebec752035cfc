using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Operator.Runtime.Tests;

/// <summary>Informers against the in-memory API server: list, watch, resume, 410 re-list, resync.</summary>
public sealed class InformerTests : IAsyncLifetime
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private InMemoryKubernetes server = null!;
    private Kubernetes client = null!;
    private readonly CancellationTokenSource stop = new();

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
    public async Task Lists_then_watches_and_hands_every_change_to_the_handlers()
    {
        await CreateAsync("before");
        var (informer, events) = Start(new InformerOptions { ResyncPeriod = TimeSpan.Zero, PageSize = 2 });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.NotNull(informer.Cache.Get(new ObjectKey("a", "before")));

        await CreateAsync("after");
        var map = await client.CoreV1.ReadNamespacedConfigMapAsync("after", "a");
        map.Data = new Dictionary<string, string> { ["k"] = "v" };
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, "after", "a");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("before", "a");

        await Until(() => events.Contains("Deleted a/before") && events.Contains("Updated a/after"));
        Assert.Contains("Added a/before", events);
        Assert.Contains("Added a/after", events);
        Assert.Null(informer.Cache.Get(new ObjectKey("a", "before")));
        Assert.Equal("v", informer.Cache.Get(new ObjectKey("a", "after"))!.Data["k"]);
    }

    [Fact]
    public async Task A_cut_stream_resumes_from_the_last_version_without_listing_again()
    {
        var (informer, events) = Start(new InformerOptions { ResyncPeriod = TimeSpan.Zero, MinRetryDelay = TimeSpan.FromMilliseconds(10) });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);

        server.Faults.CutWatches();
        await CreateAsync("x");

        await Until(() => events.Contains("Added a/x"));
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task An_expired_version_relists_and_reports_what_changed_meanwhile()
    {
        await CreateAsync("stays");
        await CreateAsync("goes");
        var (informer, events) = Start(new InformerOptions { ResyncPeriod = TimeSpan.Zero, MinRetryDelay = TimeSpan.FromMilliseconds(10) });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);

        server.Faults.ForceGoneOnNextWatch();
        server.Faults.CutWatches();
        await client.CoreV1.DeleteNamespacedConfigMapAsync("goes", "a");
        await CreateAsync("new");

        await Until(() => events.Contains("Deleted a/goes") && events.Contains("Added a/new"));
        Assert.NotNull(informer.Cache.Get(new ObjectKey("a", "stays")));
        Assert.Equal(2, informer.Cache.Count);
    }

    [Fact]
    public async Task Resync_hands_over_every_object_without_calling_the_api()
    {
        await CreateAsync("one");
        await CreateAsync("two");
        var (informer, events) = Start(new InformerOptions { ResyncPeriod = TimeSpan.FromMilliseconds(100) });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        server.Faults.Requests.Reset();

        await Until(() => events.Count(e => e.StartsWith("Resync", StringComparison.Ordinal)) >= 4);

        Assert.Equal(0, server.Faults.Requests.Count("list"));
        Assert.Equal(0, server.Faults.Requests.Writes());
    }

    [Fact]
    public async Task Indexes_follow_updates_and_deletes()
    {
        var (informer, _) = Start(new InformerOptions { ResyncPeriod = TimeSpan.Zero });
        informer.Cache.AddIndex("app", m => m.Metadata.Labels?.TryGetValue("app", out var app) == true ? [app] : []);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);

        await CreateAsync("m1", "web");
        await CreateAsync("m2", "web");
        await Until(() => informer.Cache.ByIndex("app", "web").Count == 2);

        var m1 = await client.CoreV1.ReadNamespacedConfigMapAsync("m1", "a");
        m1.Metadata.Labels["app"] = "api";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(m1, "m1", "a");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("m2", "a");

        await Until(() => informer.Cache.ByIndex("app", "web").Count == 0 && informer.Cache.ByIndex("app", "api").Count == 1);
    }

    [Fact]
    public async Task Rest_client_reports_conflicts_and_missing_objects()
    {
        var rest = new KubeRestClient(client);
        var codec = TestJsonContext.ConfigMapCodec;
        Assert.Null(await rest.GetAsync(ConfigMaps, codec, "a", "missing", CancellationToken.None));

        var created = await rest.CreateAsync(ConfigMaps, codec, new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "a" } }, CancellationToken.None);
        var stale = await rest.GetAsync(ConfigMaps, codec, "a", "c", CancellationToken.None);
        created.Data = new Dictionary<string, string> { ["v"] = "1" };
        await rest.ReplaceAsync(ConfigMaps, codec, created, status: false, CancellationToken.None);

        stale!.Data = new Dictionary<string, string> { ["v"] = "2" };
        var conflict = await Assert.ThrowsAsync<KubeApiException>(() => rest.ReplaceAsync(ConfigMaps, codec, stale, status: false, CancellationToken.None));
        Assert.True(conflict.IsConflict);

        var exists = await Assert.ThrowsAsync<KubeApiException>(() => rest.CreateAsync(ConfigMaps, codec, new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "a" } }, CancellationToken.None));
        Assert.True(exists.IsAlreadyExists);
        Assert.True(await rest.DeleteAsync(ConfigMaps, "a", "c", CancellationToken.None));
        Assert.False(await rest.DeleteAsync(ConfigMaps, "a", "c", CancellationToken.None));
    }

    private (Informer<V1ConfigMap> Informer, ConcurrentQueue<string> Events) Start(InformerOptions options)
    {
        var informer = new Informer<V1ConfigMap>(new KubeRestClient(client), ConfigMaps, TestJsonContext.ConfigMapCodec, options, NullLogger.Instance);
        var events = new ConcurrentQueue<string>();
        informer.Subscribe(e => events.Enqueue($"{e.Type} {ObjectKey.Of(e.Object)}"));
        _ = Task.Run(() => informer.RunAsync(stop.Token));
        return (informer, events);
    }

    private Task CreateAsync(string name, string? app = null) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = app is null ? null : new Dictionary<string, string> { ["app"] = app } } }, "a");

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

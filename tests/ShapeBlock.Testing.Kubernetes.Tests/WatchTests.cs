using System.Text.Json;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class WatchTests : ServerTest
{
    protected override InMemoryKubernetesOptions Options => new() { ShapeBlockCrds = true, BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Watch_from_a_resource_version_sees_added_modified_deleted_in_order()
    {
        Namespace("ns1");
        Server.Create(Objects.ConfigMap("ns1", "before"));
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("ns1");
        var call = Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: list.Metadata.ResourceVersion);
        await Server.Watches.WaitForAsync(1, "configmaps");

        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, "ns1");
        cm.Data = new Dictionary<string, string> { ["k"] = "v" };
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cm", "ns1");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("cm", "ns1");

        await using var watch = await WatchReader.OpenAsync(call);
        var events = new[] { await watch.NextAsync(), await watch.NextAsync(), await watch.NextAsync() };
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e!.Type));
        Assert.All(events, e => Assert.Equal("cm", e!.Name));
        var versions = events.Select(e => long.Parse(e!.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal("v", events[1]!.Object.Str("data", "k"));
    }

    [Fact]
    public async Task Watch_without_a_resource_version_starts_with_the_current_objects()
    {
        Namespace("ns1");
        Server.Create(Objects.App("ns1", "a1"));
        Server.Create(Objects.App("ns1", "a2"));
        await using var watch = await WatchReader.OpenAsync(Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(Objects.Group, Objects.Version, "ns1", "apps", watch: true));
        Assert.Equal(("ADDED", "a1"), ((await watch.NextAsync())!.Type, watch.Seen[^1].Name));
        Assert.Equal(("ADDED", "a2"), ((await watch.NextAsync())!.Type, watch.Seen[^1].Name));
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"port":1234}}""", V1Patch.PatchType.MergePatch), Objects.Group, Objects.Version, "ns1", "apps", "a2");
        var modified = await watch.NextAsync();
        Assert.Equal("MODIFIED", modified!.Type);
        Assert.Equal("1234", modified.Object.Str("spec", "port"));
    }

    [Fact]
    public async Task Bookmarks_arrive_periodically_and_on_request_with_the_current_resource_version()
    {
        Namespace("ns1");
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        await using var watch = await WatchReader.OpenAsync(Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv, allowWatchBookmarks: true));
        var periodic = await watch.WaitForAsync(e => e.Type == "BOOKMARK");
        Assert.Equal("ConfigMap", periodic.Object.Str("kind"));
        Assert.True(long.Parse(periodic.ResourceVersion) >= long.Parse(rv));

        Server.Create(Objects.ConfigMap("ns1", "cm"));
        Server.Watches.SendBookmarks();
        var added = await watch.WaitForAsync(e => e.Type == "ADDED");
        var bookmark = await watch.WaitForAsync(e => e.Type == "BOOKMARK");
        Assert.True(long.Parse(bookmark.ResourceVersion) >= long.Parse(added.ResourceVersion));
    }

    [Fact]
    public async Task Bookmarks_are_not_sent_unless_allowed()
    {
        Namespace("ns1");
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        var call = Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv, timeoutSeconds: 1);
        Server.Create(Objects.ConfigMap("ns1", "cm"));
        await using var watch = await WatchReader.OpenAsync(call);
        await watch.ReadToEndAsync();
        Assert.Equal(["ADDED"], watch.Seen.Select(e => e.Type));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream()
    {
        Namespace("ns1");
        Server.Create(Objects.ConfigMap("ns1", "cm"));
        var started = DateTime.UtcNow;
        await using var watch = await WatchReader.OpenAsync(Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, timeoutSeconds: 1));
        await watch.ReadToEndAsync(TimeSpan.FromSeconds(15));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
        Assert.Equal(0, Server.Watches.ActiveCount);
    }

    [Fact]
    public async Task A_resource_version_older_than_the_history_gets_an_error_event_with_410_expired()
    {
        await using var small = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { WatchHistoryLimit = 10 });
        using var client = small.CreateClient();
        small.Create(Objects.Namespace("ns1"));
        var rv = (await client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        for (var i = 0; i < 20; i++)
        {
            small.Create(Objects.ConfigMap("ns1", $"cm{i}"));
        }

        Assert.Equal(10, small.Store.HistoryCount(new Resources.ResourceKey("", "configmaps")));
        await using var watch = await WatchReader.OpenAsync(client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv));
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", error!.Type);
        Assert.Equal("410", error.Object.Str("code"));
        Assert.Equal("Expired", error.Object.Str("reason"));
        Assert.StartsWith("too old resource version:", error.Object.Str("message"));
        Assert.Null(await watch.NextAsync());

        // A version inside the history resumes without a gap.
        var recent = small.Store.ResourceVersion - 3;
        await using var resumed = await WatchReader.OpenAsync(client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: recent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["cm17", "cm18", "cm19"], new[] { (await resumed.NextAsync())!.Name, (await resumed.NextAsync())!.Name, (await resumed.NextAsync())!.Name });
    }

    [Fact]
    public async Task Selector_watches_see_objects_enter_and_leave()
    {
        Namespace("ns1");
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        var call = Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv, labelSelector: "app=web");
        await Server.Watches.WaitForAsync(1);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, "ns1");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, "ns1");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"app":"web"}}}""", V1Patch.PatchType.MergePatch), "cm", "ns1");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"b"}}""", V1Patch.PatchType.MergePatch), "cm", "ns1");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"app":"api"}}}""", V1Patch.PatchType.MergePatch), "cm", "ns1");
        await using var watch = await WatchReader.OpenAsync(call);
        var events = new[] { await watch.NextAsync(), await watch.NextAsync(), await watch.NextAsync() };
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e!.Type));
        Assert.All(events, e => Assert.Equal("cm", e!.Name));

        await using var byName = await WatchReader.OpenAsync(Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, fieldSelector: "metadata.name=other"));
        Assert.Equal("other", (await byName.NextAsync())!.Name);
    }

    [Fact]
    public async Task SendInitialEvents_ends_the_initial_list_with_an_annotated_bookmark()
    {
        Namespace("ns1");
        Server.Create(Objects.ConfigMap("ns1", "a"));
        Server.Create(Objects.ConfigMap("ns1", "b"));
        await using var watch = await WatchReader.OpenAsync(Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, sendInitialEvents: true, resourceVersionMatch: "NotOlderThan", allowWatchBookmarks: true));
        Assert.Equal("a", (await watch.NextAsync())!.Name);
        Assert.Equal("b", (await watch.NextAsync())!.Name);
        var end = await watch.NextAsync();
        Assert.Equal("BOOKMARK", end!.Type);
        Assert.Equal("true", end.Object.Str("metadata", "annotations", "k8s.io/initial-events-end"));
    }
}

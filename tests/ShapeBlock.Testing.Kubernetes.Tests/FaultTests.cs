using System.Diagnostics;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class FaultTests : ServerTest
{
    [Fact]
    public async Task Cutting_watches_ends_every_stream_and_clients_resume_from_their_last_version()
    {
        Namespace("ns1");
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        var call = Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv);
        await Server.Watches.WaitForAsync(1);
        Server.Create(Objects.ConfigMap("ns1", "a"));
        await using var watch = await WatchReader.OpenAsync(call);
        var first = await watch.NextAsync();

        Assert.Equal(1, Server.Faults.CutWatches());
        Assert.Null(await watch.NextAsync());
        Assert.Equal(0, Server.Watches.ActiveCount);

        Server.Create(Objects.ConfigMap("ns1", "b"));
        await using var resumed = await WatchReader.OpenAsync(Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: first!.ResourceVersion));
        Assert.Equal("b", (await resumed.NextAsync())!.Name);
    }

    [Fact]
    public async Task A_forced_410_hits_the_next_watch_of_the_resource_only()
    {
        Namespace("ns1");
        Server.Create(Objects.ConfigMap("ns1", "a"));
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        Server.Faults.ForceGoneOnNextWatch("configmaps");
        await using (var gone = await WatchReader.OpenAsync(Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv)))
        {
            var error = await gone.NextAsync();
            Assert.Equal(("ERROR", "410", "Expired"), (error!.Type, error.Object.Str("code"), error.Object.Str("reason")));
            Assert.Null(await gone.NextAsync());
        }

        var call = Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("ns1", watch: true, resourceVersion: rv);
        await Server.Watches.WaitForAsync(1);
        Server.Create(Objects.ConfigMap("ns1", "b"));
        await using var ok = await WatchReader.OpenAsync(call);
        Assert.Equal("ADDED", (await ok.NextAsync())!.Type);
    }

    [Fact]
    public async Task The_next_writes_conflict_then_succeed()
    {
        Namespace("ns1");
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, "ns1");
        Server.Faults.ConflictOnNextWrites(2, "configmaps");
        var patch = new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch);
        var status = await ApiErrors.StatusOf(() => Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "cm", "ns1"), 409);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        await ApiErrors.StatusOf(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cm", "ns1"), 409);
        Assert.Equal("1", (await Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "cm", "ns1")).Data["a"]);
    }

    [Fact]
    public async Task A_verb_can_fail_with_500_and_latency_can_be_added()
    {
        Namespace("ns1");
        Server.Faults.FailRequests("list", "configmaps", times: 1);
        var status = await ApiErrors.StatusOf(() => Client.CoreV1.ListNamespacedConfigMapAsync("ns1"), 500);
        Assert.Equal("InternalError", status["reason"]!.GetValue<string>());
        await Client.CoreV1.ListNamespacedConfigMapAsync("ns1");

        Server.Faults.AddLatency(TimeSpan.FromMilliseconds(300), "get", "configmaps");
        Server.Create(Objects.ConfigMap("ns1", "cm"));
        var watch = Stopwatch.StartNew();
        await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "ns1");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
        Server.Faults.Reset();
        watch.Restart();
        await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "ns1");
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(280) || Environment.ProcessorCount < 2);
    }

    [Fact]
    public async Task Requests_are_counted_by_verb_and_resource_so_tests_can_assert_zero_writes()
    {
        Namespace("ns1");
        Server.Create(Objects.App("ns1", "web"));
        Server.Faults.Requests.Reset();
        await Client.CustomObjects.ListNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps");
        await Client.CustomObjects.GetNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps", "web");
        Assert.Equal(0, Server.Faults.Requests.Writes());
        Assert.Equal(2, Server.Faults.Requests.Reads("apps.apps.shapeblock.io"));

        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("""{"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch), Objects.Group, Objects.Version, "ns1", "apps", "web");
        Assert.Equal(1, Server.Faults.Requests.Count("patch", "apps/status"));
        Assert.Equal(0, Server.Faults.Requests.Count("patch", "apps"));
        Assert.Equal(1, Server.Faults.Requests.Writes());
        Assert.Contains(Server.Faults.Requests.Recent, r => r is { Verb: "patch", Resource: "apps/status", Namespace: "ns1", Name: "web" });
        Assert.Equal(1, Server.Faults.Requests.WritesIn("ns1"));
        Assert.Equal(0, Server.Faults.Requests.WritesIn("ns2"));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class DeletionTests : ServerTest
{
    private static JsonArray Owner(JsonObject owner, bool block = false) => new(new JsonObject
    {
        ["apiVersion"] = owner["apiVersion"]!.GetValue<string>(),
        ["kind"] = owner["kind"]!.GetValue<string>(),
        ["name"] = owner["metadata"]!["name"]!.GetValue<string>(),
        ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = block,
    });

    [Fact]
    public async Task Finalizers_keep_a_deleted_object_until_the_last_one_is_removed()
    {
        Namespace("ns1");
        var app = Objects.App("ns1", "web");
        app["metadata"]!["finalizers"] = new JsonArray("apps.shapeblock.io/app-cleanup", "example.com/second");
        Server.Create(app);
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("ns1")).Metadata.ResourceVersion;
        var call = Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(Objects.Group, Objects.Version, "ns1", "apps", watch: true, resourceVersion: rv);
        await Server.Watches.WaitForAsync(1);

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps", "web");
        var marked = Objects.Node((JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps", "web"));
        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);
        var markedVersion = marked["metadata"]!["resourceVersion"]!.GetValue<string>();

        // Deleting again is a no-op; adding a finalizer now is refused; spec can still change.
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps", "web");
        Assert.Equal(markedVersion, Server.Get($"{Objects.Group}/{Objects.Version}", "App", "ns1", "web")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        var forbidden = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"metadata":{"finalizers":["apps.shapeblock.io/app-cleanup","example.com/second","example.com/new"]}}""", V1Patch.PatchType.MergePatch), Objects.Group, Objects.Version, "ns1", "apps", "web"), 422);
        Assert.Contains("no new finalizers can be added if the object is being deleted", forbidden["message"]!.GetValue<string>());

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"metadata":{"finalizers":["example.com/second"]}}""", V1Patch.PatchType.MergePatch), Objects.Group, Objects.Version, "ns1", "apps", "web");
        Assert.NotNull(Server.Get($"{Objects.Group}/{Objects.Version}", "App", "ns1", "web"));
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""[{"op":"remove","path":"/metadata/finalizers"}]""", V1Patch.PatchType.JsonPatch), Objects.Group, Objects.Version, "ns1", "apps", "web");
        Assert.Null(Server.Get($"{Objects.Group}/{Objects.Version}", "App", "ns1", "web"));

        await using var watch = await WatchReader.OpenAsync(call);
        var deleted = await watch.WaitForAsync(e => e.Type == "DELETED");
        Assert.Equal("web", deleted.Name);
        Assert.Equal(["MODIFIED", "MODIFIED", "MODIFIED", "DELETED"], watch.Seen.Select(e => e.Type));
    }

    [Fact]
    public async Task Owner_deletion_cascades_in_the_background_and_the_orphan_policy_keeps_dependents()
    {
        Namespace("ns1");
        var owner = Server.Create(Objects.ConfigMap("ns1", "owner"));
        var child = Objects.ConfigMap("ns1", "child");
        child["metadata"]!["ownerReferences"] = Owner(owner);
        var childStored = Server.Create(child);
        var grandchild = Objects.ConfigMap("ns1", "grandchild");
        grandchild["metadata"]!["ownerReferences"] = Owner(childStored);
        Server.Create(grandchild);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "ns1", propagationPolicy: "Background");
        await Server.WaitForDeletionAsync("v1", "ConfigMap", "ns1", "child");
        await Server.WaitForDeletionAsync("v1", "ConfigMap", "ns1", "grandchild");

        var owner2 = Server.Create(Objects.ConfigMap("ns1", "owner2"));
        var kept = Objects.ConfigMap("ns1", "kept");
        kept["metadata"]!["ownerReferences"] = Owner(owner2);
        Server.Create(kept);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner2", "ns1", propagationPolicy: "Orphan");
        var orphan = await Client.CoreV1.ReadNamespacedConfigMapAsync("kept", "ns1");
        Assert.Null(orphan.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Foreground_deletion_removes_blocking_dependents_first()
    {
        Namespace("ns1");
        var owner = Server.Create(Objects.ConfigMap("ns1", "owner"));
        var child = Objects.ConfigMap("ns1", "child");
        child["metadata"]!["ownerReferences"] = Owner(owner, block: true);
        child["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        Server.Create(child);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "ns1", propagationPolicy: "Foreground");
        var waiting = await Client.CoreV1.ReadNamespacedConfigMapAsync("owner", "ns1");
        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers);
        await Server.WaitForAsync("v1", "ConfigMap", "ns1", "child", c => c["metadata"]!["deletionTimestamp"] is not null);
        Assert.NotNull(Server.Get("v1", "ConfigMap", "ns1", "owner"));

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "child", "ns1");
        await Server.WaitForDeletionAsync("v1", "ConfigMap", "ns1", "owner");
    }

    [Fact]
    public async Task Jobs_orphan_their_pods_by_default_unlike_kubectl_which_asks_for_background()
    {
        Namespace("ns1");
        var job = Server.Create(Objects.Job("ns1", "j"));
        var pod = Objects.Pod("ns1", "j-abcde");
        pod["metadata"]!["ownerReferences"] = Owner(job);
        Server.Create(pod);
        await Client.BatchV1.DeleteNamespacedJobAsync("j", "ns1");
        Assert.Null((await Client.CoreV1.ReadNamespacedPodAsync("j-abcde", "ns1")).Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Dependents_whose_owners_do_not_exist_are_collected()
    {
        Namespace("ns1");
        var dangling = Objects.ConfigMap("ns1", "dangling");
        dangling["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "ghost", ["uid"] = Guid.NewGuid().ToString() });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(KubernetesJson.Deserialize<V1ConfigMap>(dangling.ToJsonString()), "ns1");
        await Server.WaitForDeletionAsync("v1", "ConfigMap", "ns1", "dangling");
    }

    [Fact]
    public async Task Namespace_termination_deletes_its_contents_then_the_namespace()
    {
        Namespace("shop");
        Server.Create(Objects.ConfigMap("shop", "cm"));
        Server.Create(Objects.App("shop", "web"));
        var held = Objects.Pod("shop", "held");
        held["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        Server.Create(held);

        var call = Client.CoreV1.ListNamespaceWithHttpMessagesAsync(watch: true, fieldSelector: "metadata.name=shop");
        await using var watch = await WatchReader.OpenAsync(call);
        Assert.Equal("ADDED", (await watch.NextAsync())!.Type);

        await Client.CoreV1.DeleteNamespaceAsync("shop");
        var terminating = await watch.WaitForAsync(e => e.Object.Str("status", "phase") == "Terminating");
        Assert.NotNull(terminating.Object.Str("metadata", "deletionTimestamp"));
        await Server.WaitForDeletionAsync("v1", "ConfigMap", "shop", "cm");
        await Server.WaitForDeletionAsync($"{Objects.Group}/{Objects.Version}", "App", "shop", "web");
        await Server.WaitForAsync("v1", "Pod", "shop", "held", p => p["metadata"]!["deletionTimestamp"] is not null);
        Assert.NotNull(Server.Get("v1", "Namespace", null, "shop"));

        await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", "shop");
        await watch.WaitForAsync(e => e.Type == "DELETED");
        Assert.Null(Server.Get("v1", "Namespace", null, "shop"));

        var protectedNs = await ApiErrors.StatusOf(() => Client.CoreV1.DeleteNamespaceAsync("default"), 403);
        Assert.Contains("may not be deleted", protectedNs["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_crd_removes_its_objects_and_stops_serving_it()
    {
        Namespace("ns1");
        Server.Create(Objects.App("ns1", "web"));
        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("apps.apps.shapeblock.io");
        await Server.WaitForDeletionAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "apps.apps.shapeblock.io");
        Assert.Equal(0, Server.Store.Count(new Resources.ResourceKey(Objects.Group, "apps")));
        await ApiErrors.StatusOf(() => Client.CustomObjects.ListNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps"), 404);
        Assert.DoesNotContain((await Client.CustomObjects.GetAPIResourcesAsync(Objects.Group, Objects.Version)).Resources, r => r.Name == "apps");
    }

    [Fact]
    public async Task Preconditions_guard_deletes()
    {
        Namespace("ns1");
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, "ns1");
        await ApiErrors.StatusOf(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("cm", "ns1", new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1" } }), 409);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("cm", "ns1", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = cm.Metadata.Uid } });
        await ApiErrors.StatusOf(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("cm", "ns1"), 404);
    }
}

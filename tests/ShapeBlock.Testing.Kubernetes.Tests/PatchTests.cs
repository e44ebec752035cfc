using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class PatchTests : ServerTest
{
    private const string AppsGroup = Objects.Group;

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    // KubernetesClient sends patch content as raw JSON; JSON is YAML, so apply patches go as JSON.
    private static V1Patch Apply(string yaml) => new(ShapeBlock.Api.Serialization.YamlJson.Parse(yaml)!.ToJsonString(), V1Patch.PatchType.ApplyPatch);

    [Fact]
    public async Task Merge_patch_merges_objects_and_null_removes()
    {
        Namespace("ns1");
        Server.Create(Objects.App("ns1", "web"));
        var patched = Objects.Node((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            Merge("""{"metadata":{"labels":{"a":"1"}},"spec":{"port":9000,"description":"d"}}"""), AppsGroup, Objects.Version, "ns1", "apps", "web"));
        Assert.Equal(9000, patched["spec"]!["port"]!.GetValue<int>());
        Assert.Equal("image", patched["spec"]!["build"]!["type"]!.GetValue<string>());
        Assert.Equal(2, patched["metadata"]!["generation"]!.GetValue<long>());

        patched = Objects.Node((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            Merge("""{"spec":{"description":null}}"""), AppsGroup, Objects.Version, "ns1", "apps", "web"));
        Assert.Null(patched["spec"]!["description"]);

        var status = Objects.Node((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            Merge("""{"status":{"phase":"Ready"},"spec":{"port":1}}"""), AppsGroup, Objects.Version, "ns1", "apps", "web"));
        Assert.Equal("Ready", status["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(9000, status["spec"]!["port"]!.GetValue<int>());
        Assert.Equal(3, status["metadata"]!["generation"]!.GetValue<long>());

        var stale = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            Merge("""{"metadata":{"resourceVersion":"1"},"spec":{"port":2}}"""), AppsGroup, Objects.Version, "ns1", "apps", "web"), 409);
        Assert.Equal("Conflict", stale["reason"]!.GetValue<string>());
        await ApiErrors.StatusOf(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(Merge("{}"), AppsGroup, Objects.Version, "ns1", "apps", "missing"), 404);
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_a_failed_test_is_422()
    {
        Namespace("ns1");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, "ns1");
        var ops = """[{"op":"test","path":"/data/a","value":"1"},{"op":"replace","path":"/data/a","value":"10"},{"op":"remove","path":"/data/b"},{"op":"add","path":"/data/c~1d","value":"3"},{"op":"copy","from":"/data/a","path":"/data/e"},{"op":"move","from":"/data/e","path":"/data/f"}]""";
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(ops, V1Patch.PatchType.JsonPatch), "cm", "ns1");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "10", ["c/d"] = "3", ["f"] = "10" }, patched.Data);

        var failed = await ApiErrors.StatusOf(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/a","value":"nope"}]""", V1Patch.PatchType.JsonPatch), "cm", "ns1"), 422);
        Assert.Equal("Invalid", failed["reason"]!.GetValue<string>());
        await ApiErrors.StatusOf(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"remove","path":"/data/zzz"}]""", V1Patch.PatchType.JsonPatch), "cm", "ns1"), 422);
    }

    [Fact]
    public async Task Strategic_merge_merges_keyed_lists_of_built_ins_and_is_415_for_custom_resources()
    {
        Namespace("ns1");
        Server.Create(Objects.Pod("ns1", "p", containers: ["app", "sidecar"]));
        var patch = """{"metadata":{"finalizers":["example.com/x"]},"spec":{"containers":[{"name":"sidecar","image":"envoy:2"}],"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}]}}""";
        var pod = await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "p", "ns1");
        Assert.Equal(["app", "sidecar"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal("busybox", pod.Spec.Containers[0].Image);
        Assert.Equal("envoy:2", pod.Spec.Containers[1].Image);
        Assert.Equal(["example.com/x"], pod.Metadata.Finalizers);

        Server.Create(Objects.App("ns1", "web"));
        var unsupported = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"port":1}}""", V1Patch.PatchType.StrategicMergePatch), AppsGroup, Objects.Version, "ns1", "apps", "web"), 415);
        Assert.Equal("UnsupportedMediaType", unsupported["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_creates_then_merges_records_the_manager_and_drops_fields_it_no_longer_applies()
    {
        Namespace("ns1");
        var first = """
            apiVersion: apps.shapeblock.io/v1alpha1
            kind: App
            metadata:
              name: web
              namespace: ns1
              labels: {team: a, tier: web}
            spec:
              displayName: Web
              build: {type: image, image: "nginx:1"}
              port: 8080
              domains:
                - host: a.example.com
                - host: b.example.com
            """;
        var created = Objects.Node((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(Apply(first), AppsGroup, Objects.Version, "ns1", "apps", "web", fieldManager: "shapeblock", force: true));
        Assert.Equal("Web", created["spec"]!["displayName"]!.GetValue<string>());
        var entry = created["metadata"]!["managedFields"]!.AsArray().Single()!;
        Assert.Equal(("shapeblock", "Apply"), (entry["manager"]!.GetValue<string>(), entry["operation"]!.GetValue<string>()));
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:domains"]!["k:{\"host\":\"a.example.com\"}"]);

        // Another writer changes a field the applier does not own; the applier re-applies without the tier label and one domain.
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(Merge("""{"spec":{"description":"set by hand"}}"""), AppsGroup, Objects.Version, "ns1", "apps", "web");
        var second = first.Replace(", tier: web", "", StringComparison.Ordinal).Replace("\n    - host: b.example.com", "", StringComparison.Ordinal).Replace("port: 8080", "port: 9090", StringComparison.Ordinal);
        var merged = Objects.Node((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(Apply(second), AppsGroup, Objects.Version, "ns1", "apps", "web", fieldManager: "shapeblock", force: true));
        Assert.Equal(9090, merged["spec"]!["port"]!.GetValue<int>());
        Assert.Equal("set by hand", merged["spec"]!["description"]!.GetValue<string>());
        Assert.Null(merged["metadata"]!["labels"]!["tier"]);
        Assert.Equal(["a.example.com"], merged["spec"]!["domains"]!.AsArray().Select(d => d!["host"]!.GetValue<string>()));
        Assert.Equal(2, merged["metadata"]!["generation"]!.GetValue<long>() - 1);

        // Re-applying the same configuration is a no-op: no new resourceVersion.
        var again = Objects.Node((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(Apply(second), AppsGroup, Objects.Version, "ns1", "apps", "web", fieldManager: "shapeblock", force: true));
        Assert.Equal(merged["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());

        var noManager = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(Apply(second), AppsGroup, Objects.Version, "ns1", "apps", "web"), 422);
        Assert.Contains("fieldManager: Required value", noManager["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_works_for_built_ins_and_the_status_subresource()
    {
        Namespace("ns1");
        var deployment = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"ns1"},"spec":{"replicas":2,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}}}""";
        var created = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(deployment, V1Patch.PatchType.ApplyPatch), "d", "ns1", fieldManager: "sdk", force: true);
        Assert.Equal(2, created.Spec.Replicas);
        var updated = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(deployment.Replace("nginx:1", "nginx:2", StringComparison.Ordinal), V1Patch.PatchType.ApplyPatch), "d", "ns1", fieldManager: "sdk", force: true);
        Assert.Equal("nginx:2", updated.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal(2, updated.Metadata.Generation);

        var status = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"ns1"},"status":{"readyReplicas":2,"replicas":2}}""";
        var withStatus = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(status, V1Patch.PatchType.ApplyPatch), "d", "ns1", fieldManager: "controller", force: true);
        Assert.Equal(2, withStatus.Status.ReadyReplicas);
        Assert.Equal(2, withStatus.Metadata.Generation);
        Assert.Contains(withStatus.Metadata.ManagedFields, m => m.Manager == "controller" && m.Subresource == "status");
    }
}

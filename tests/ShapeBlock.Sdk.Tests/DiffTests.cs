using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Tests;

public sealed class DiffTests
{
    private static JsonObject Yaml(string yaml) => YamlJson.Parse(yaml)!.AsObject();

    private static readonly JsonObject Deployment = Yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: op, namespace: shapeblock, labels: { shapeblock.io/stack: dev } }
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: operator
                  image: ghcr.io/shapeblock/operator:0.1.0
                  resources: { requests: { cpu: 10m, memory: 32Mi } }
        """);

    [Fact]
    public void A_missing_object_is_created_with_every_field()
    {
        var fields = JsonDiff.Compare(Deployment, null);

        Assert.All(fields, f => Assert.Equal(FieldChangeKind.Add, f.Kind));
        Assert.Contains(fields, f => f.Path == "spec.template.spec.containers[0].image" && f.After == "\"ghcr.io/shapeblock/operator:0.1.0\"");
        Assert.Contains(fields, f => f.Path == "metadata.labels[\"shapeblock.io/stack\"]");
    }

    [Fact]
    public void Server_populated_fields_and_server_defaults_count_as_unchanged()
    {
        var live = Deployment.DeepClone().AsObject();
        live["metadata"]!["uid"] = "1234";
        live["metadata"]!["resourceVersion"] = "99";
        live["metadata"]!["generation"] = 3;
        live["metadata"]!["creationTimestamp"] = "2026-01-01T00:00:00Z";
        live["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "shapeblock" });
        live["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}" };
        live["status"] = new JsonObject { ["readyReplicas"] = 1 };
        live["spec"]!["strategy"] = new JsonObject { ["type"] = "RollingUpdate" };
        var container = live["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["imagePullPolicy"] = "IfNotPresent";
        container["terminationMessagePath"] = "/dev/termination-log";
        // The API server normalises quantities.
        container["resources"]!["requests"]!["cpu"] = "0.01";
        container["resources"]!["requests"]!["memory"] = "33554432";

        Assert.Empty(JsonDiff.Compare(Deployment, live));
    }

    [Fact]
    public void Changed_fields_are_listed_with_before_and_after()
    {
        var live = Deployment.DeepClone().AsObject();
        live["spec"]!["replicas"] = 2;
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "ghcr.io/shapeblock/operator:0.0.9";

        var fields = JsonDiff.Compare(Deployment, live);

        Assert.Equal(
            ["spec.replicas: 2 → 1", "spec.template.spec.containers[name=operator].image: \"ghcr.io/shapeblock/operator:0.0.9\" → \"ghcr.io/shapeblock/operator:0.1.0\""],
            fields.Select(f => f.ToString()));
    }

    [Fact]
    public void Named_list_items_match_by_name_and_extra_owned_items_are_removed()
    {
        var desired = Yaml("spec: { workers: [ { name: b, replicas: 1 }, { name: a, replicas: 2 } ] }");
        var live = Yaml("spec: { workers: [ { name: a, replicas: 2 }, { name: c, replicas: 1 }, { name: b, replicas: 3 } ] }");

        var fields = JsonDiff.Compare(desired, live).Select(f => f.ToString()).ToList();

        Assert.Equal(["spec.workers[name=b].replicas: 3 → 1", "spec.workers[name=c]: {\"name\":\"c\",\"replicas\":1} → (removed)"], fields);
    }

    [Fact]
    public void Helm_values_compare_structurally()
    {
        var desired = Yaml("spec: { valuesContent: \"resources:\\n  requests:\\n    memory: 96Mi\\nreplicaCount: 1\\n\" }");
        var live = Yaml("spec: { valuesContent: \"replicaCount: 1\\nresources:\\n  requests:\\n    memory: 64Mi\\n\" }");

        var field = Assert.Single(JsonDiff.Compare(desired, live));
        Assert.Equal("spec.valuesContent|resources.requests.memory: \"64Mi\" → \"96Mi\"", field.ToString());
    }

    [Fact]
    public void Secret_values_are_never_compared_or_shown()
    {
        var desired = Yaml("""
            apiVersion: v1
            kind: Secret
            metadata: { name: s, namespace: shapeblock }
            type: Opaque
            stringData: { password: hunter2-desired, token: t0ken-desired }
            """);
        var live = Yaml("""
            apiVersion: v1
            kind: Secret
            metadata: { name: s, namespace: shapeblock, uid: x }
            type: Opaque
            data: { password: aHVudGVyMi1saXZl, old: b2xkLXZhbHVl }
            """);

        var fields = JsonDiff.Compare(desired, live);
        var text = string.Join("\n", fields);

        Assert.Equal(["data.token: (secret)", "data.old: (secret) → (removed)"], fields.Select(f => f.ToString()));
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aHVudGVy", text, StringComparison.Ordinal);
        var masked = JsonDiff.Mask(desired).ToJsonString();
        Assert.DoesNotContain("hunter2", masked, StringComparison.Ordinal);
        Assert.Contains("(secret)", masked, StringComparison.Ordinal);
        Assert.All(JsonDiff.Compare(desired, null), f => Assert.DoesNotContain("desired", f.After ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_diff_says_create_update_unchanged_replace_and_delete()
    {
        var plan = Planner.Create(TestSupport.Stack(s => TestSupport.Existing(s)));
        var objects = plan.Objects.ToList();
        var live = objects.Select(o => o.Manifest.DeepClone().AsObject()).ToList();

        // The Namespace is missing, the operator Deployment changed, the AppBuild changed (immutable), and one extra labelled object exists.
        live.RemoveAll(o => o["kind"]!.GetValue<string>() == "Namespace");
        var deployment = live.Single(o => o["kind"]!.GetValue<string>() == "Deployment" && o["metadata"]!["name"]!.GetValue<string>() == "shapeblock-operator");
        deployment["spec"]!["replicas"] = 3;
        var build = live.Single(o => o["kind"]!.GetValue<string>() == "AppBuild");
        build["spec"]!["imageTag"] = "0.9";
        live.Add(Yaml("apiVersion: apps.shapeblock.io/v1alpha1\nkind: App\nmetadata: { name: old, namespace: demo, labels: { shapeblock.io/stack: dev } }\nspec: {}\n"));
        live.Add(Yaml("apiVersion: apps.shapeblock.io/v1alpha1\nkind: App\nmetadata: { name: other-stack, namespace: demo, labels: { shapeblock.io/stack: prod } }\nspec: {}\n"));

        var diff = Differ.Diff(plan, new LiveState(live, IsEmptyWorld: false));

        Assert.Equal(ChangeAction.Create, diff.Changes.Single(c => c.Key == "Namespace shapeblock").Action);
        var update = diff.Changes.Single(c => c.Key == "apps/Deployment shapeblock/shapeblock-operator");
        Assert.Equal(ChangeAction.Update, update.Action);
        Assert.Equal("spec.replicas: 3 → 1", Assert.Single(update.Fields).ToString());
        Assert.Equal(ChangeAction.Replace, diff.Changes.Single(c => c.Key == "apps.shapeblock.io/AppBuild demo/hello-1-0-1").Action);
        Assert.Equal(ChangeAction.Delete, diff.Changes.Single(c => c.Key == "apps.shapeblock.io/App demo/old").Action);
        Assert.DoesNotContain(diff.Changes, c => c.Key.Contains("other-stack", StringComparison.Ordinal));
        Assert.Equal(objects.Count - 3, diff.Count(ChangeAction.Unchanged));
        Assert.Equal("1 to create, 1 to update, 1 to replace, 1 to delete, " + (objects.Count - 3) + " unchanged", diff.Summary);
        Assert.False(diff.AgainstEmptyWorld);
    }

    [Fact]
    public void A_secret_value_the_engine_found_different_is_an_update_of_that_key_masked()
    {
        var plan = Planner.Create(TestSupport.Stack(s => TestSupport.Existing(s)));
        var live = plan.Objects.Select(o => o.Manifest.DeepClone().AsObject()).ToList();
        var secret = plan.Objects.First(o => o.IsSecret && o.SecretData.Count > 0);
        var key = secret.SecretData.Keys.First();

        var same = Differ.Diff(plan, new LiveState(live, IsEmptyWorld: false));
        var stale = Differ.Diff(plan, new LiveState(live, IsEmptyWorld: false) { StaleSecrets = new Dictionary<string, IReadOnlyList<string>> { [secret.Key] = [key] } });

        Assert.Equal(ChangeAction.Unchanged, same.Changes.Single(c => c.Key == secret.Key).Action);
        var change = stale.Changes.Single(c => c.Key == secret.Key);
        Assert.Equal(ChangeAction.Update, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(FieldChangeKind.Change, field.Kind);
        Assert.Equal($"data.{key}: (secret) → (secret)", field.ToString());
        Assert.Equal(1, stale.Count(ChangeAction.Update));
    }

    [Fact]
    public void Against_an_empty_world_everything_is_created()
    {
        var plan = Planner.Create(TestSupport.QuickStart());

        var diff = Differ.Diff(plan, LiveState.Empty);

        Assert.True(diff.AgainstEmptyWorld);
        Assert.All(diff.Changes, c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.Equal(plan.Objects.Count() + plan.Steps.Count(s => s.Kind != StepKind.Kubernetes), diff.Changes.Count);
    }

    [Theory]
    [InlineData("1", "1000m", true)]
    [InlineData("1Gi", "1024Mi", true)]
    [InlineData("128Mi", "134217728", true)]
    [InlineData("1e3", "1k", true)]
    [InlineData("100m", "0.1", true)]
    [InlineData("1G", "1Gi", false)]
    public void Quantities_compare_by_value(string a, string b, bool equal)
    {
        Assert.True(Quantity.TryParse(a, out var x));
        Assert.True(Quantity.TryParse(b, out var y));
        Assert.Equal(equal, x == y);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class ValidationTests : ServerTest
{
    private static JsonElement Sample(string file) =>
        Objects.Element(YamlJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "manifests", file)))!);

    [Theory]
    [InlineData("app-image.yaml", "apps")]
    [InlineData("app-dockerfile.yaml", "apps")]
    [InlineData("app-buildpack.yaml", "apps")]
    [InlineData("appbuild.yaml", "appbuilds")]
    [InlineData("service-postgres.yaml", "services")]
    public async Task The_sample_manifests_are_accepted_and_defaulted(string file, string plural)
    {
        Namespace("shop");
        var created = (JsonElement)await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Sample(file), Objects.Group, Objects.Version, "shop", plural);
        Assert.NotNull(created.Str("metadata", "uid"));
        if (file == "service-postgres.yaml")
        {
            Assert.Equal("Retain", created.Str("spec", "deletionPolicy"));
        }
    }

    [Fact]
    public async Task Invalid_custom_resources_get_422_with_field_causes_like_a_real_server()
    {
        Namespace("shop");
        var app = Objects.App("shop", "web", port: 70000);
        app["spec"]!["build"]!["type"] = "nope";
        var status = await ApiErrors.StatusOf(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(app), Objects.Group, Objects.Version, "shop", "apps"), 422);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal("App", status["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("apps.shapeblock.io", status["details"]!["group"]!.GetValue<string>());
        Assert.Equal("web", status["details"]!["name"]!.GetValue<string>());
        Assert.StartsWith("App.apps.shapeblock.io \"web\" is invalid: [", status["message"]!.GetValue<string>());
        var causes = status["details"]!["causes"]!.AsArray().Select(c => (Reason: c!["reason"]!.GetValue<string>(), Field: c["field"]!.GetValue<string>(), Message: c["message"]!.GetValue<string>())).ToList();
        Assert.Contains(causes, c => c is { Reason: "FieldValueInvalid", Field: "spec.port" } && c.Message.StartsWith("Invalid value: 70000", StringComparison.Ordinal));
        Assert.Contains(causes, c => c is { Reason: "FieldValueNotSupported", Field: "spec.build.type" });
        Assert.Null(Server.Get($"{Objects.Group}/{Objects.Version}", "App", "shop", "web"));
    }

    [Fact]
    public async Task Cel_transition_rules_see_the_stored_object_on_update()
    {
        Namespace("shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Sample("appbuild.yaml"), Objects.Group, Objects.Version, "shop", "appbuilds");
        var status = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"gitRef":"v2"}}""", V1Patch.PatchType.MergePatch), Objects.Group, Objects.Version, "shop", "appbuilds", "web-7f3c2a1"), 422);
        Assert.Contains("spec is immutable", status["message"]!.GetValue<string>());

        // The status subresource is still writable.
        var updated = (JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("""{"status":{"phase":"Building"}}""", V1Patch.PatchType.MergePatch), Objects.Group, Objects.Version, "shop", "appbuilds", "web-7f3c2a1");
        Assert.Equal("Building", updated.Str("status", "phase"));
    }

    [Fact]
    public async Task Status_writes_validate_the_status_and_the_root_rules_on_the_whole_object()
    {
        // Status writes walk only the status schema (the rest is the stored, validated object): what the status
        // schema says and the root's rules across spec and status must still be enforced.
        static JsonObject Schema(string type) => new() { ["type"] = type };
        var crd = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = "gauges.example.com" },
            ["spec"] = new JsonObject
            {
                ["group"] = "example.com",
                ["names"] = new JsonObject { ["kind"] = "Gauge", ["plural"] = "gauges", ["singular"] = "gauge" },
                ["scope"] = "Cluster",
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = "v1",
                    ["served"] = true,
                    ["storage"] = true,
                    ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                    ["schema"] = new JsonObject
                    {
                        ["openAPIV3Schema"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["x-kubernetes-validations"] = new JsonArray(new JsonObject { ["rule"] = "!has(self.status) || self.status.level <= self.spec.max", ["message"] = "level above max" }),
                            ["properties"] = new JsonObject
                            {
                                ["spec"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["max"] = Schema("integer") } },
                                ["status"] = new JsonObject
                                {
                                    ["type"] = "object",
                                    ["properties"] = new JsonObject
                                    {
                                        ["level"] = Schema("integer"),
                                        ["phase"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("Low", "High") },
                                        ["unit"] = new JsonObject { ["type"] = "string", ["default"] = "bar" },
                                    },
                                },
                            },
                        },
                    },
                }),
            },
        };
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(crd.ToJsonString()));
        var gauge = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Gauge", ["metadata"] = new JsonObject { ["name"] = "g1" }, ["spec"] = new JsonObject { ["max"] = 5 } };
        await Client.CustomObjects.CreateClusterCustomObjectAsync(Objects.Element(gauge), "example.com", "v1", "gauges");

        var response = await Client.CustomObjects.PatchClusterCustomObjectStatusWithHttpMessagesAsync(new V1Patch("""{"status":{"level":3,"phase":"Low","extra":1}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gauges", "g1");
        Assert.Contains(response.Response.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"status.extra\\\"", StringComparison.Ordinal));
        var stored = Server.Get("example.com/v1", "Gauge", null, "g1")!;
        Assert.Null(stored["status"]!["extra"]);
        Assert.Equal("bar", stored["status"]!["unit"]!.GetValue<string>());
        Assert.Equal(5, stored["spec"]!["max"]!.GetValue<int>());

        var badEnum = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch("""{"status":{"phase":"Medium"}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gauges", "g1"), 422);
        Assert.Contains(badEnum["details"]!["causes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "status.phase" && c["reason"]!.GetValue<string>() == "FieldValueNotSupported");
        var aboveMax = await ApiErrors.StatusOf(() => Client.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch("""{"status":{"level":9}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gauges", "g1"), 422);
        Assert.Contains("level above max", aboveMax["message"]!.GetValue<string>());
        Assert.Equal(3, Server.Get("example.com/v1", "Gauge", null, "g1")!["status"]!["level"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_with_a_warning_or_rejected_when_strict()
    {
        Namespace("shop");
        var app = Objects.App("shop", "web");
        app["spec"]!["bogus"] = 1;
        var response = await Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(Objects.Element(app), Objects.Group, Objects.Version, "shop", "apps");
        Assert.Contains(response.Response.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"spec.bogus\\\"", StringComparison.Ordinal));
        Assert.Null(Server.Get($"{Objects.Group}/{Objects.Version}", "App", "shop", "web")!["spec"]!["bogus"]);

        app["metadata"]!["name"] = "strict";
        var strict = await ApiErrors.StatusOf(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(app), Objects.Group, Objects.Version, "shop", "apps", fieldValidation: "Strict"), 400);
        Assert.Equal("BadRequest", strict["reason"]!.GetValue<string>());
        Assert.Contains("strict decoding error: unknown field \"spec.bogus\"", strict["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        Namespace("shop");
        var created = (JsonElement)await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(Objects.App("shop", "web")), Objects.Group, Objects.Version, "shop", "apps", dryRun: "All");
        Assert.Equal("web", created.Str("metadata", "name"));
        Assert.Null(Server.Get($"{Objects.Group}/{Objects.Version}", "App", "shop", "web"));
        await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(Objects.App("shop", "web", 0)), Objects.Group, Objects.Version, "shop", "apps", dryRun: "All"));
    }

    [Fact]
    public async Task Cluster_scoped_project_names_must_be_namespace_names()
    {
        var project = new JsonObject { ["apiVersion"] = $"{Objects.Group}/{Objects.Version}", ["kind"] = "Project", ["metadata"] = new JsonObject { ["name"] = "has.dots" }, ["spec"] = new JsonObject { ["displayName"] = "P" } };
        var status = await ApiErrors.StatusOf(() => Client.CustomObjects.CreateClusterCustomObjectAsync(Objects.Element(project), Objects.Group, Objects.Version, "projects"), 422);
        Assert.Equal("Project", status["details"]!["kind"]!.GetValue<string>());
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class DiscoveryTests : ServerTest
{
    [Fact]
    public async Task Core_and_group_discovery_list_the_built_in_kinds()
    {
        var versions = await Client.CoreV1.GetAPIResourcesAsync();
        Assert.Equal("v1", versions.GroupVersion);
        foreach (var name in new[] { "namespaces", "secrets", "configmaps", "serviceaccounts", "resourcequotas", "limitranges", "pods", "pods/log", "pods/eviction", "pods/status", "services", "persistentvolumeclaims", "events", "nodes" })
        {
            Assert.Contains(versions.Resources, r => r.Name == name);
        }

        var eviction = versions.Resources.Single(r => r.Name == "pods/eviction");
        Assert.Equal(("policy", "v1", "Eviction"), (eviction.Group, eviction.Version, eviction.Kind));

        var groups = await Client.Apis.GetAPIVersionsAsync();
        foreach (var group in new[] { "apps", "batch", "rbac.authorization.k8s.io", "networking.k8s.io", "coordination.k8s.io", "events.k8s.io", "policy", "apiextensions.k8s.io", "helm.cattle.io", "apps.shapeblock.io" })
        {
            Assert.Contains(groups.Groups, g => g.Name == group);
        }

        Assert.Contains((await Client.AppsV1.GetAPIResourcesAsync()).Resources, r => r.Name == "deployments" && r.ShortNames.Contains("deploy"));
        Assert.Contains((await Client.BatchV1.GetAPIResourcesAsync()).Resources, r => r.Name == "jobs/status");
        Assert.Contains((await Client.RbacAuthorizationV1.GetAPIResourcesAsync()).Resources, r => r.Name == "clusterroles" && !r.Namespaced);
        Assert.Contains((await Client.CoordinationV1.GetAPIResourcesAsync()).Resources, r => r.Name == "leases");
        Assert.Contains((await Client.NetworkingV1.GetAPIResourcesAsync()).Resources, r => r.Name == "ingresses");
        Assert.Contains((await Client.ApiextensionsV1.GetAPIResourcesAsync()).Resources, r => r.Name == "customresourcedefinitions");
    }

    [Fact]
    public async Task ShapeBlock_crds_registered_at_start_are_discoverable()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var list = JsonNode.Parse(await http.GetStringAsync("/apis/apps.shapeblock.io/v1alpha1"))!;
        var resources = list["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal("apps.shapeblock.io/v1alpha1", list["groupVersion"]!.GetValue<string>());
        Assert.Contains("apps", resources);
        Assert.Contains("apps/status", resources);
        Assert.Contains("projects", resources);
        Assert.Contains("teams", resources);
        Assert.False(list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "projects")!["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_crd_created_through_the_api_appears_in_discovery_and_is_served()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/apis/example.com/v1")).StatusCode);
        var crd = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = "widgets.example.com" },
            ["spec"] = new JsonObject
            {
                ["group"] = "example.com",
                ["names"] = new JsonObject { ["kind"] = "Widget", ["plural"] = "widgets", ["singular"] = "widget", ["shortNames"] = new JsonArray("wd") },
                ["scope"] = "Cluster",
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = "v1",
                    ["served"] = true,
                    ["storage"] = true,
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["spec"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["size"] = new JsonObject { ["type"] = "integer" } } } } } },
                }),
            },
        };
        var created = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<k8s.Models.V1CustomResourceDefinition>(crd.ToJsonString()));
        Assert.Contains(created.Status.Conditions, c => c.Type == "Established" && c.Status == "True");

        var groups = await Client.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "example.com" && g.PreferredVersion.Version == "v1");
        var resources = JsonNode.Parse(await http.GetStringAsync("/apis/example.com/v1"))!["resources"]!.AsArray();
        Assert.Contains(resources, r => r!["name"]!.GetValue<string>() == "widgets" && r["shortNames"]![0]!.GetValue<string>() == "wd");

        var widget = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w1" }, ["spec"] = new JsonObject { ["size"] = 3 } };
        await Client.CustomObjects.CreateClusterCustomObjectAsync(Objects.Element(widget), "example.com", "v1", "widgets");
        var read = (JsonElement)await Client.CustomObjects.GetClusterCustomObjectAsync("example.com", "v1", "widgets", "w1");
        Assert.Equal("3", read.Str("spec", "size"));
    }

    [Fact]
    public async Task Aggregated_discovery_version_and_openapi_are_served()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
        using var response = await http.SendAsync(request);
        Assert.Contains("as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString());
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("APIGroupDiscoveryList", doc["kind"]!.GetValue<string>());
        var shapeblock = doc["items"]!.AsArray().Single(i => i!["metadata"]!["name"]?.GetValue<string>() == "apps.shapeblock.io")!;
        var app = shapeblock["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "apps")!;
        Assert.Equal("Namespaced", app["scope"]!.GetValue<string>());
        Assert.Equal("status", app["subresources"]![0]!["subresource"]!.GetValue<string>());

        var version = await Client.Version.GetCodeAsync();
        Assert.Equal("1", version.Major);
        Assert.StartsWith("v1.32", version.GitVersion);

        var index = JsonNode.Parse(await http.GetStringAsync("/openapi/v3"))!;
        var url = index["paths"]!["apis/apps.shapeblock.io/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        var openapi = JsonNode.Parse(await http.GetStringAsync(url))!;
        Assert.NotNull(openapi["components"]!["schemas"]!["io.shapeblock.apps.v1alpha1.App"]);
    }

    [Fact]
    public async Task Crds_can_be_registered_at_start_and_later_in_process()
    {
        static System.Text.Json.Nodes.JsonObject Crd(string plural, string kind) => new()
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = $"{plural}.example.com" },
            ["spec"] = new System.Text.Json.Nodes.JsonObject
            {
                ["group"] = "example.com",
                ["names"] = new System.Text.Json.Nodes.JsonObject { ["kind"] = kind, ["plural"] = plural },
                ["scope"] = "Namespaced",
                ["versions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = "v1",
                    ["served"] = true,
                    ["storage"] = true,
                    ["schema"] = new System.Text.Json.Nodes.JsonObject { ["openAPIV3Schema"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                }),
            },
        };

        await using var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { Crds = [Crd("gadgets", "Gadget")] });
        using var client = server.CreateClient();
        Assert.Contains((await client.CustomObjects.GetAPIResourcesAsync("example.com", "v1")).Resources, r => r.Name == "gadgets");
        Assert.DoesNotContain((await client.Apis.GetAPIVersionsAsync()).Groups, g => g.Name == "apps.shapeblock.io");

        server.RegisterCrds([Crd("gizmos", "Gizmo")]);
        server.RegisterShapeBlockCrds();
        Assert.Contains((await client.CustomObjects.GetAPIResourcesAsync("example.com", "v1")).Resources, r => r.Name == "gizmos");
        Assert.Equal(5, (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.Count(c => c.Spec.Group == "apps.shapeblock.io"));
    }
}

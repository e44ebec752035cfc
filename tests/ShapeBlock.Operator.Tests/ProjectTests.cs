using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

public sealed class ProjectTests : OperatorTest
{
    [Fact]
    public async Task A_project_becomes_a_namespace_with_everything_an_app_needs()
    {
        await StartOperatorAsync();

        CreateProject("shop", new JsonObject
        {
            ["displayName"] = "Shop",
            ["quota"] = new JsonObject { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = 40 },
            ["defaults"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "64Mi" }, ["limits"] = new JsonObject { ["memory"] = "256Mi" } },
        });
        var project = await WaitForProjectAsync("shop", "Active");

        var status = project["status"]!;
        Assert.Equal("shop", status["namespace"]!.GetValue<string>());
        Assert.Equal(project["metadata"]!["generation"]!.GetValue<long>(), status["observedGeneration"]!.GetValue<long>());
        var ready = status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.Equal("True", ready["status"]!.GetValue<string>());
        Assert.Contains(Finalizers.Project, project["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));

        var ns = await Client.CoreV1.ReadNamespaceAsync("shop");
        Assert.Equal("shop", ns.Metadata.Labels[Labels.Project]);
        Assert.Equal(Labels.ManagedByOperator, ns.Metadata.Labels[Labels.ManagedBy]);
        Assert.Equal("baseline", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);

        var copy = await Client.CoreV1.ReadNamespacedSecretAsync("registry-creds", "shop");
        Assert.Equal("kubernetes.io/dockerconfigjson", copy.Type);
        Assert.Equal(RegistryAuth, Encoding.UTF8.GetString(copy.Data[".dockerconfigjson"]));

        var account = await Client.CoreV1.ReadNamespacedServiceAccountAsync("shapeblock-builder", "shop");
        Assert.Equal("registry-creds", Assert.Single(account.ImagePullSecrets).Name);
        var role = await Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("shapeblock-builder", "shop");
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["get"], rule.Verbs);
        Assert.Equal(["registry-creds"], rule.ResourceNames);
        var binding = await Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("shapeblock-builder", "shop");
        Assert.Equal("shapeblock-builder", Assert.Single(binding.Subjects).Name);

        var quota = await Client.CoreV1.ReadNamespacedResourceQuotaAsync("shapeblock-quota", "shop");
        Assert.Equal("4Gi", quota.Spec.Hard["requests.memory"].ToString());
        Assert.Equal("40", quota.Spec.Hard["pods"].ToString());
        var limits = await Client.CoreV1.ReadNamespacedLimitRangeAsync("shapeblock-defaults", "shop");
        Assert.Equal("64Mi", limits.Spec.Limits[0].DefaultRequest["memory"].ToString());
        Assert.Equal("256Mi", limits.Spec.Limits[0].DefaultProperty["memory"].ToString());

        // Events are written in the background, after the status.
        await Server.WaitForAnyAsync("v1", "Event", "default", e => e["involvedObject"]?["name"]?.GetValue<string>() == "shop" && e["involvedObject"]?["kind"]?.GetValue<string>() == "Project" && e["reason"]?.GetValue<string>() == "Active", Bound);
    }

    [Fact]
    public async Task A_missing_registry_secret_fails_with_the_fix_and_heals_when_it_appears()
    {
        await Client.CoreV1.DeleteNamespacedSecretAsync("registry-creds", "shapeblock");
        await StartOperatorAsync();

        CreateProject("shop");
        var failed = await WaitForProjectAsync("shop", "Failed");
        Assert.Contains("kubectl -n shapeblock create secret docker-registry registry-creds", failed["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var ready = failed["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.Equal("SecretNotFound", ready["reason"]!.GetValue<string>());

        await CreateRegistrySecretAsync();
        await WaitForProjectAsync("shop", "Active");
        Assert.NotNull(await Client.CoreV1.ReadNamespacedSecretAsync("registry-creds", "shop"));
    }

    [Fact]
    public async Task A_registry_secret_created_just_before_the_project_is_found_though_its_watch_lags()
    {
        await Client.CoreV1.DeleteNamespacedSecretAsync("registry-creds", "shapeblock");
        await StartOperatorAsync();

        // `up` creates the Secret, then the Project; the Secret watch is its own stream and may deliver later.
        Server.Faults.DelayWatchEvents(TimeSpan.FromSeconds(1), "secrets");
        await CreateRegistrySecretAsync();
        CreateProject("shop");

        await WaitForProjectAsync("shop", "Active");
        await Server.WaitForAnyAsync("v1", "Event", "default", e => IsProjectEvent(e, "shop") && e["reason"]?.GetValue<string>() == "Active", Bound);
        Assert.DoesNotContain(Server.List("v1", "Event", "default"), e => IsProjectEvent(e, "shop") && e["type"]?.GetValue<string>() == "Warning");
    }

    [Fact]
    public async Task A_changed_registry_secret_is_copied_again()
    {
        await StartOperatorAsync();
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");

        var source = await Client.CoreV1.ReadNamespacedSecretAsync("registry-creds", "shapeblock");
        source.Data[".dockerconfigjson"] = Encoding.UTF8.GetBytes("""{"auths":{"new.example.com":{"auth":"bmV3"}}}""");
        await Client.CoreV1.ReplaceNamespacedSecretAsync(source, "registry-creds", "shapeblock");

        await Server.WaitForAsync("v1", "Secret", "shop", "registry-creds", s => s["data"]?[".dockerconfigjson"]?.GetValue<string>() == Convert.ToBase64String(source.Data[".dockerconfigjson"]), Bound);
    }

    [Fact]
    public async Task A_namespace_label_fix_keeps_the_fields_its_cached_copy_dropped()
    {
        await StartOperatorAsync();
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");

        // The operator caches Namespaces without annotations, owner reference, spec and status: the label fix must not write that copy back.
        var ns = await Client.CoreV1.ReadNamespaceAsync("shop");
        ns.Metadata.Labels.Remove("pod-security.kubernetes.io/enforce");
        ns.Metadata.Annotations = new Dictionary<string, string> { ["example.com/note"] = "kept" };
        await Client.CoreV1.ReplaceNamespaceAsync(ns, "shop");

        var healed = await Server.WaitForAsync("v1", "Namespace", null, "shop", n => n["metadata"]?["labels"]?["pod-security.kubernetes.io/enforce"]?.GetValue<string>() == "baseline", Bound);
        Assert.Equal("kept", healed["metadata"]!["annotations"]?["example.com/note"]?.GetValue<string>());
        Assert.Equal(["kubernetes"], healed["spec"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("shop", Assert.Single(healed["metadata"]!["ownerReferences"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal("shop", healed["metadata"]!["labels"]![Labels.Project]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_project_deletes_its_namespace_before_the_project_goes()
    {
        await StartOperatorAsync();
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");

        await Client.CustomObjects.DeleteClusterCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, "projects", "shop");

        await Server.WaitForDeletionAsync("v1", "Namespace", null, "shop", Bound);
        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "Project", null, "shop", Bound);
    }

    [Fact]
    public async Task A_name_that_is_not_a_namespace_name_is_refused_by_the_schema()
    {
        var body = new JsonObject
        {
            ["apiVersion"] = ApiGroup.ApiVersion,
            ["kind"] = "Project",
            ["metadata"] = new JsonObject { ["name"] = "shop.prod" },
            ["spec"] = new JsonObject(),
        };

        // Through the API, as kubectl would send it (the AOT client cannot serialize a JsonObject body).
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var response = await http.PostAsync($"apis/{ApiGroup.Name}/{ApiGroup.Version}/projects", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("metadata.name must be a valid namespace name", text, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"Invalid\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_and_defaults_follow_spec_changes_and_go_when_removed()
    {
        await StartOperatorAsync();
        CreateProject("shop", new JsonObject { ["quota"] = new JsonObject { ["pods"] = 10 } });
        await WaitForProjectAsync("shop", "Active");
        Assert.Equal("10", (await Client.CoreV1.ReadNamespacedResourceQuotaAsync("shapeblock-quota", "shop")).Spec.Hard["pods"].ToString());

        var patch = new V1Patch("""{"spec":{"quota":{"pods":20}}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchClusterCustomObjectAsync(patch, ApiGroup.Name, ApiGroup.Version, "projects", "shop");
        await Server.WaitForAsync("v1", "ResourceQuota", "shop", "shapeblock-quota", q => q["spec"]?["hard"]?["pods"]?.GetValue<string>() == "20", Bound);

        var remove = new V1Patch("""{"spec":{"quota":null}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchClusterCustomObjectAsync(remove, ApiGroup.Name, ApiGroup.Version, "projects", "shop");
        await Server.WaitForDeletionAsync("v1", "ResourceQuota", "shop", "shapeblock-quota", Bound);
    }

    private static bool IsProjectEvent(JsonObject e, string project) =>
        e["involvedObject"]?["kind"]?.GetValue<string>() == "Project" && e["involvedObject"]?["name"]?.GetValue<string>() == project;
}

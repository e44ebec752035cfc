using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class HelmSimulatorTests : ServerTest
{
    private const string HelmGroup = "helm.cattle.io";

    protected override InMemoryKubernetesOptions Options => new() { Simulators = SimulatorKinds.Helm };

    private static JsonElement Chart(string name, string values, string chart = "nxs-universal-chart", string target = "shop") => Objects.Element(new JsonObject
    {
        ["apiVersion"] = "helm.cattle.io/v1",
        ["kind"] = "HelmChart",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop" },
        ["spec"] = new JsonObject
        {
            ["chart"] = chart,
            ["repo"] = "https://registry.nixys.io/chartrepo/public",
            ["version"] = "2.8.1",
            ["targetNamespace"] = target,
            ["failurePolicy"] = "abort",
            ["backOffLimit"] = 1,
            ["valuesContent"] = values,
        },
    });

    [Fact]
    public async Task A_helm_chart_is_installed_by_a_job_and_its_deployments_become_available()
    {
        Namespace("shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("web", "deployments:\n  web:\n    replicas: 2\n  worker: {}\n"), HelmGroup, "v1", "shop", "helmcharts");

        var installed = await Server.WaitForAsync("batch/v1", "Job", "shop", "helm-install-web", j => j["status"]?["succeeded"]?.GetValue<int>() == 1);
        Assert.Equal("web", installed["metadata"]!["labels"]!["helmcharts.helm.cattle.io/chart"]!.GetValue<string>());
        var chart = Server.Get("helm.cattle.io/v1", "HelmChart", "shop", "web")!;
        Assert.Contains("wrangler.cattle.io/on-helm-chart-remove", chart["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        await Server.WaitForAsync("helm.cattle.io/v1", "HelmChart", "shop", "web", c => c["status"]?["jobName"]?.GetValue<string>() == "helm-install-web");

        var web = await Server.WaitForAsync("apps/v1", "Deployment", "shop", "web-web", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 2);
        Assert.Equal(web["metadata"]!["generation"]!.GetValue<long>(), web["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(2, web["status"]!["updatedReplicas"]!.GetValue<int>());
        Assert.Equal(2, web["status"]!["readyReplicas"]!.GetValue<int>());
        await Server.WaitForAsync("apps/v1", "Deployment", "shop", "web-worker", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 1);
        var release = await Client.AppsV1.ListNamespacedDeploymentAsync("shop", labelSelector: "app.kubernetes.io/instance=web");
        Assert.Equal(["web-web", "web-worker"], release.Items.Select(d => d.Metadata.Name));
        Assert.Equal(3, (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app.kubernetes.io/instance=web")).Items.Count(p => p.Status.Phase == "Running"));

        using var log = new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync(
            (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=helm-install-web")).Items[0].Metadata.Name, "shop"));
        Assert.Contains("STATUS: deployed", await log.ReadToEndAsync());
    }

    [Fact]
    public async Task A_changed_chart_runs_a_new_install_job_and_updates_the_release()
    {
        Namespace("shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("db", "image: postgres:16", chart: "postgresql"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("apps/v1", "StatefulSet", "shop", "db-postgresql", s => s["status"]?["readyReplicas"]?.GetValue<int>() == 1);
        var firstJob = Server.Get("batch/v1", "Job", "shop", "helm-install-db")!["metadata"]!["uid"]!.GetValue<string>();

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"valuesContent":"image: postgres:17"}}""", V1Patch.PatchType.MergePatch), HelmGroup, "v1", "shop", "helmcharts", "db");
        var upgraded = await Server.WaitForAsync("apps/v1", "StatefulSet", "shop", "db-postgresql", s =>
            s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == "postgres:17" && s["status"]?["readyReplicas"]?.GetValue<int>() == 1 &&
            s["status"]!["observedGeneration"]!.GetValue<long>() == s["metadata"]!["generation"]!.GetValue<long>());
        Assert.NotEqual(firstJob, Server.Get("batch/v1", "Job", "shop", "helm-install-db")!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(2, upgraded["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_upgrade_removes_the_workloads_the_new_values_no_longer_declare_and_nothing_else()
    {
        Namespace("shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("web", "deployments:\n  web: {}\n  worker: {}\n"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("apps/v1", "Deployment", "shop", "web-worker", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 1);
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("other", "deployments:\n  worker: {}\n"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("apps/v1", "Deployment", "shop", "other-worker", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 1);

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{\"spec\":{\"valuesContent\":\"deployments:\\n  web: {}\\n\"}}", V1Patch.PatchType.MergePatch), HelmGroup, "v1", "shop", "helmcharts", "web");

        await Server.WaitForDeletionAsync("apps/v1", "Deployment", "shop", "web-worker");
        Assert.NotNull(Server.Get("apps/v1", "Deployment", "shop", "web-web"));
        Assert.NotNull(Server.Get("apps/v1", "Deployment", "shop", "other-worker"));
    }

    [Fact]
    public async Task A_scripted_install_failure_fails_the_job_with_helm_logs_and_marks_the_chart()
    {
        Namespace("shop");
        Server.Simulators.Helm.Script("broken", HelmOutcome.FailInstall("rendered manifests contain a resource that already exists", "history.go:56: [debug] getting history for release broken"));
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("broken", "replicas: 1", chart: "nginx"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("batch/v1", "Job", "shop", "helm-install-broken", j => j["status"]?["failed"]?.GetValue<int>() == 2 && JobFailed(j));
        var chart = await Server.WaitForAsync("helm.cattle.io/v1", "HelmChart", "shop", "broken", c => c["status"]?["conditions"]?.AsArray().Any(x => x!["type"]!.GetValue<string>() == "Failed" && x["status"]!.GetValue<string>() == "True") == true);
        Assert.Equal("helm-install-broken", chart["status"]!["jobName"]!.GetValue<string>());
        Assert.Empty((await Client.AppsV1.ListNamespacedDeploymentAsync("shop")).Items);

        var pod = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=helm-install-broken")).Items[0];
        using var log = new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, "shop"));
        Assert.Contains("Error: INSTALLATION FAILED: rendered manifests contain a resource that already exists", await log.ReadToEndAsync());
    }

    [Fact]
    public async Task A_missing_target_namespace_fails_the_install()
    {
        Namespace("shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("lost", "{}", target: "nowhere"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("batch/v1", "Job", "shop", "helm-install-lost", JobFailed);
    }

    [Fact]
    public async Task Deleting_a_chart_runs_the_uninstall_job_removes_the_release_then_the_finalizer()
    {
        Namespace("shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("web", "replicaCount: 1", chart: "nginx"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("apps/v1", "Deployment", "shop", "web", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 1);

        // The uninstall can finish (and its Job be collected with the chart) quickly: watch Jobs from before the delete.
        var rv = (await Client.BatchV1.ListNamespacedJobAsync("shop")).Metadata.ResourceVersion;
        var jobs = Client.BatchV1.ListNamespacedJobWithHttpMessagesAsync("shop", watch: true, resourceVersion: rv, labelSelector: "helmcharts.helm.cattle.io/chart=web");
        await Server.Watches.WaitForAsync(1, "jobs");
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(HelmGroup, "v1", "shop", "helmcharts", "web");
        await using var watch = await WatchReader.OpenAsync(jobs);
        var uninstall = await watch.WaitForAsync(e => e.Name == "helm-delete-web" && e.Object.Str("status", "succeeded") == "1");
        Assert.Equal("delete", uninstall.Object.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("args")[0].GetString());
        await Server.WaitForDeletionAsync("helm.cattle.io/v1", "HelmChart", "shop", "web");
        await Server.WaitForDeletionAsync("apps/v1", "Deployment", "shop", "web");
        await Server.WaitForDeletionAsync("batch/v1", "Job", "shop", "helm-delete-web");
        await Server.WaitForAsync("v1", "Namespace", null, "shop", _ => Server.List("v1", "Pod", "shop", "app.kubernetes.io/instance=web").Count == 0);
    }

    [Fact]
    public async Task A_failed_uninstall_keeps_the_finalizer()
    {
        Namespace("shop");
        Server.Simulators.Helm.Script("sticky", new HelmOutcome { UninstallSucceeds = false });
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Chart("sticky", "{}", chart: "nginx"), HelmGroup, "v1", "shop", "helmcharts");
        await Server.WaitForAsync("apps/v1", "Deployment", "shop", "sticky", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 1);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(HelmGroup, "v1", "shop", "helmcharts", "sticky");
        await Server.WaitForAsync("batch/v1", "Job", "shop", "helm-delete-sticky", JobFailed);
        Assert.NotNull(Server.Get("helm.cattle.io/v1", "HelmChart", "shop", "sticky"));
        Assert.NotNull(Server.Get("apps/v1", "Deployment", "shop", "sticky"));
    }

    private static bool JobFailed(JsonObject job) =>
        job["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Failed" && c["status"]!.GetValue<string>() == "True") == true;
}

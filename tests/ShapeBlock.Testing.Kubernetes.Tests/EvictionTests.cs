using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class EvictionTests : ServerTest
{
    protected override InMemoryKubernetesOptions Options => new() { Simulators = SimulatorKinds.Workloads };

    private static V1Eviction Eviction(string pod, string ns) => new() { Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = ns } };

    private async Task DeployAsync(string ns, string name, int replicas)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] } },
            },
        }, ns);
        await Server.WaitForAsync("apps/v1", "Deployment", ns, name, d => d["status"]?["availableReplicas"]?.GetValue<int>() == replicas);
    }

    /// <summary>Waits (on Deployment events) until it reports the replicas available and its pods confirm it, without the evicted one.</summary>
    private Task WaitForReadyPodsAsync(string deployment, int count, string evicted) =>
        Server.WaitForAsync("apps/v1", "Deployment", "shop", deployment, d =>
            d["status"]?["availableReplicas"]?.GetValue<int>() == count &&
            Server.List("v1", "Pod", "shop", $"app={deployment}") is var pods &&
            pods.Count(p => p["status"]?["phase"]?.GetValue<string>() == "Running" && p["metadata"]!["deletionTimestamp"] is null) == count &&
            pods.All(p => p["metadata"]!["name"]!.GetValue<string>() != evicted));

    [Fact]
    public async Task Draining_a_node_evicts_pods_within_the_budget_and_replacements_land_elsewhere()
    {
        Server.Simulators.Workloads.AddNode("node-a");
        Server.Simulators.Workloads.AddNode("node-b");
        Namespace("shop");
        await DeployAsync("shop", "web", 3);
        await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = (IntOrString)"2", Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } },
        }, "shop");

        // Cordon node-a, then evict its pods one by one, waiting for the budget between evictions.
        await Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch), "node-a");
        var onA = (await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-a")).Items;
        Assert.NotEmpty(onA);
        foreach (var pod in onA)
        {
            await Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pod.Metadata.Name, "shop"), pod.Metadata.Name, "shop");
            await WaitForReadyPodsAsync("web", 3, pod.Metadata.Name);
        }

        var pods = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=web")).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("node-b", p.Spec.NodeName));
        Assert.Empty((await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-a")).Items);
    }

    [Fact]
    public async Task An_eviction_that_would_break_the_budget_is_429()
    {
        Server.Simulators.Workloads.AddNode("node-a");
        Namespace("shop");
        await DeployAsync("shop", "api", 3);
        await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "api-pdb" },
            Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = (IntOrString)"1", Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } } },
        }, "shop");

        Server.Simulators.Workloads.PauseScheduling();
        var pods = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=api")).Items;
        await Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[0].Metadata.Name, "shop"), pods[0].Metadata.Name, "shop");
        var blocked = await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[1].Metadata.Name, "shop"), pods[1].Metadata.Name, "shop"), 429);
        Assert.Equal("TooManyRequests", blocked["reason"]!.GetValue<string>());
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", blocked["message"]!.GetValue<string>());
        Assert.Equal("DisruptionBudget", blocked["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Contains("The disruption budget api-pdb needs 2 healthy pods and has 2 currently", blocked["details"]!["causes"]![0]!["message"]!.GetValue<string>());
        Assert.NotNull(Server.Get("v1", "Pod", "shop", pods[1].Metadata.Name));
        var budget = await Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("api-pdb", "shop");
        Assert.Equal(0, budget.Status.DisruptionsAllowed);

        Server.Simulators.Workloads.ResumeScheduling();
        await WaitForReadyPodsAsync("api", 3, pods[0].Metadata.Name);
        await Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[1].Metadata.Name, "shop"), pods[1].Metadata.Name, "shop");
        await Server.WaitForDeletionAsync("v1", "Pod", "shop", pods[1].Metadata.Name);

        await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("ghost", "shop"), "ghost", "shop"), 404);
    }

    [Fact]
    public async Task Statefulsets_keep_their_pod_names_and_never_ready_workloads_stay_unavailable()
    {
        Namespace("shop");
        var labels = new Dictionary<string, string> { ["app"] = "db" };
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 2,
                ServiceName = "db",
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "pg", Image = "postgres" }] } },
            },
        }, "shop");
        await Server.WaitForAsync("apps/v1", "StatefulSet", "shop", "db", s => s["status"]?["readyReplicas"]?.GetValue<int>() == 2);
        Assert.Equal(["db-0", "db-1"], (await Client.CoreV1.ListNamespacedPodAsync("shop")).Items.Select(p => p.Metadata.Name));
        await Client.CoreV1.DeleteNamespacedPodAsync("db-0", "shop");
        await Server.WaitForAsync("v1", "Pod", "shop", "db-0", p => p["status"]?["phase"]?.GetValue<string>() == "Running");

        Server.Simulators.Workloads.NeverReady(w => w["metadata"]!["name"]!.GetValue<string>() == "stuck");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "stuck" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "stuck" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "stuck" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "x" }] } },
            },
        }, "shop");
        var stuck = await Server.WaitForAsync("apps/v1", "Deployment", "shop", "stuck", d => d["status"]?["unavailableReplicas"]?.GetValue<int>() == 1);
        Assert.Equal("False", stuck["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
    }
}

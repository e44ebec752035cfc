using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class CrudTests : ServerTest
{
    public static TheoryData<string, string, string, string, bool> GroupKinds => new()
    {
        { "rbac.authorization.k8s.io", "v1", "roles", """{"kind":"Role","rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""", true },
        { "rbac.authorization.k8s.io", "v1", "rolebindings", """{"kind":"RoleBinding","roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"},"subjects":[{"kind":"ServiceAccount","name":"sa"}]}""", true },
        { "rbac.authorization.k8s.io", "v1", "clusterroles", """{"kind":"ClusterRole","rules":[]}""", false },
        { "rbac.authorization.k8s.io", "v1", "clusterrolebindings", """{"kind":"ClusterRoleBinding","roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"r"}}""", false },
        { "batch", "v1", "jobs", """{"kind":"Job","spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}""", true },
        { "apps", "v1", "deployments", """{"kind":"Deployment","spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""", true },
        { "apps", "v1", "statefulsets", """{"kind":"StatefulSet","spec":{"serviceName":"s","selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""", true },
        { "networking.k8s.io", "v1", "ingresses", """{"kind":"Ingress","spec":{"rules":[{"host":"a.example.com"}]}}""", true },
        { "coordination.k8s.io", "v1", "leases", """{"kind":"Lease","spec":{"holderIdentity":"me","leaseDurationSeconds":15}}""", true },
        { "events.k8s.io", "v1", "events", """{"kind":"Event","eventTime":"2025-01-01T00:00:00.000000Z","reason":"Test","note":"hello","type":"Normal","action":"Test","reportingController":"t","reportingInstance":"t"}""", true },
        { "policy", "v1", "poddisruptionbudgets", """{"kind":"PodDisruptionBudget","spec":{"minAvailable":1,"selector":{"matchLabels":{"a":"b"}}}}""", true },
        { "helm.cattle.io", "v1", "helmcharts", """{"kind":"HelmChart","spec":{"chart":"nginx","repo":"https://charts.example.com"}}""", true },
        { "apps.shapeblock.io", "v1alpha1", "apps", """{"kind":"App","spec":{"displayName":"A","build":{"type":"image","image":"nginx:1"},"port":8080}}""", true },
        { "apps.shapeblock.io", "v1alpha1", "projects", """{"kind":"Project","spec":{"displayName":"P"}}""", false },
        { "apps.shapeblock.io", "v1alpha1", "teams", """{"kind":"Team","spec":{"displayName":"T"}}""", false },
    };

    [Theory]
    [MemberData(nameof(GroupKinds))]
    public async Task Group_kinds_round_trip_create_get_list_update_delete(string group, string version, string plural, string body, bool namespaced)
    {
        Namespace("ns1");
        var obj = JsonNode.Parse(body)!.AsObject();
        obj["apiVersion"] = $"{group}/{version}";
        obj["metadata"] = new JsonObject { ["name"] = "x1" };
        var co = Client.CustomObjects;
        var created = (JsonElement)(namespaced
            ? await co.CreateNamespacedCustomObjectAsync(Objects.Element(obj), group, version, "ns1", plural)
            : await co.CreateClusterCustomObjectAsync(Objects.Element(obj), group, version, plural));
        Assert.Equal("x1", created.Str("metadata", "name"));
        Assert.NotNull(created.Str("metadata", "uid"));
        Assert.NotNull(created.Str("metadata", "creationTimestamp"));

        var read = Objects.Node((JsonElement)(namespaced ? await co.GetNamespacedCustomObjectAsync(group, version, "ns1", plural, "x1") : await co.GetClusterCustomObjectAsync(group, version, plural, "x1")));
        var list = (JsonElement)(namespaced ? await co.ListNamespacedCustomObjectAsync(group, version, "ns1", plural) : await co.ListClusterCustomObjectAsync(group, version, plural));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.Str("metadata", "name") == "x1");
        Assert.EndsWith("List", list.Str("kind"));

        read["metadata"]!["labels"] = new JsonObject { ["changed"] = "yes" };
        var replaced = (JsonElement)(namespaced
            ? await co.ReplaceNamespacedCustomObjectAsync(Objects.Element(read), group, version, "ns1", plural, "x1")
            : await co.ReplaceClusterCustomObjectAsync(Objects.Element(read), group, version, plural, "x1"));
        Assert.Equal("yes", replaced.Str("metadata", "labels", "changed"));
        Assert.True(long.Parse(replaced.Str("metadata", "resourceVersion")!) > long.Parse(read["metadata"]!["resourceVersion"]!.GetValue<string>()));

        if (namespaced)
        {
            await co.DeleteNamespacedCustomObjectAsync(group, version, "ns1", plural, "x1");
        }
        else
        {
            await co.DeleteClusterCustomObjectAsync(group, version, plural, "x1");
        }

        var finalizers = Server.Store.List(new Resources.ResourceKey(group, plural)).Where(o => o.Name == "x1").SelectMany(o => o.Finalizers).ToList();
        Assert.Empty(finalizers);
        await ApiErrors.StatusOf(() => namespaced ? co.GetNamespacedCustomObjectAsync(group, version, "ns1", plural, "x1") : co.GetClusterCustomObjectAsync(group, version, plural, "x1"), 404);
    }

    [Fact]
    public async Task Core_kinds_round_trip_through_the_typed_client()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "core" } });
        var ns = await Client.CoreV1.ReadNamespaceAsync("core");
        Assert.Equal("Active", ns.Status.Phase);
        Assert.Equal("core", ns.Metadata.Labels["kubernetes.io/metadata.name"]);

        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["password"] = "hunter2" } }, "core");
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("hunter2", Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Null(secret.StringData);

        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "core");
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "sa" } }, "core");
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota { Metadata = new V1ObjectMeta { Name = "q" }, Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("10") } } }, "core");
        await Client.CoreV1.CreateNamespacedLimitRangeAsync(new V1LimitRange { Metadata = new V1ObjectMeta { Name = "l" }, Spec = new V1LimitRangeSpec { Limits = [new V1LimitRangeItem { Type = "Container" }] } }, "core");
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, "core");
        Assert.StartsWith("10.43.", svc.Spec.ClusterIP);
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim { Metadata = new V1ObjectMeta { Name = "data" }, Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] } }, "core");
        var pod = await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, "core");
        Assert.Equal("Pending", pod.Status.Phase);
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "e" }, InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p", NamespaceProperty = "core" }, Reason = "Test", Message = "m" }, "core");
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" }, Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] } });
        Assert.Equal("True", (await Client.CoreV1.ReadNodeAsync("n1")).Status.Conditions[0].Status);

        Assert.Single((await Client.CoreV1.ListNamespacedSecretAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedConfigMapAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedServiceAccountAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedResourceQuotaAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedLimitRangeAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedServiceAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync("core")).Items);
        Assert.Single((await Client.CoreV1.ListNamespacedEventAsync("core")).Items);
        Assert.Contains((await Client.CoreV1.ListNodeAsync()).Items, n => n.Metadata.Name == "n1");

        var cm = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "core");
        cm.Data["a"] = "2";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cm", "core");
        Assert.Equal("2", updated.Data["a"]);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("cm", "core");
        await Client.CoreV1.DeleteNamespacedPodAsync("p", "core");
        await Client.CoreV1.DeleteNodeAsync("n1");
        await ApiErrors.StatusOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "core"), 404);
        Assert.Empty((await Client.CoreV1.ListNamespacedPodAsync("core")).Items);
    }

    [Fact]
    public async Task Errors_have_the_status_shape_of_a_real_server()
    {
        Namespace("ns1");
        var missing = await ApiErrors.StatusOf(() => Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.shapeblock.io", "v1alpha1", "ns1", "apps", "nope"), 404);
        Assert.Equal("NotFound", missing["reason"]!.GetValue<string>());
        Assert.Equal("apps.apps.shapeblock.io \"nope\" not found", missing["message"]!.GetValue<string>());
        Assert.Equal("nope", missing["details"]!["name"]!.GetValue<string>());
        Assert.Equal("apps.shapeblock.io", missing["details"]!["group"]!.GetValue<string>());
        Assert.Equal("apps", missing["details"]!["kind"]!.GetValue<string>());

        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "ns1");
        var exists = await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "ns1"), 409);
        Assert.Equal("AlreadyExists", exists["reason"]!.GetValue<string>());
        Assert.Equal("configmaps \"cm\" already exists", exists["message"]!.GetValue<string>());

        var noNamespace = await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "missing"), 404);
        Assert.Equal("namespaces \"missing\" not found", noNamespace["message"]!.GetValue<string>());
        Assert.Equal("namespaces", noNamespace["details"]!["kind"]!.GetValue<string>());

        var noName = await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta() }, "ns1"), 422);
        Assert.Equal("metadata.name", noName["details"]!["causes"]![0]!["field"]!.GetValue<string>());

        var badName = await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "Bad_Name" } }, "ns1"), 422);
        Assert.Equal("Invalid", badName["reason"]!.GetValue<string>());
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\"", badName["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GenerateName_picks_a_unique_name()
    {
        Namespace("ns1");
        var names = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "build-" } }, "ns1");
            Assert.Matches("^build-[bcdfghjklmnpqrstvwxz2456789]{5}$", created.Metadata.Name);
            Assert.Equal("build-", created.Metadata.GenerateName);
            names.Add(created.Metadata.Name);
        }

        Assert.Equal(20, names.Count);
    }

    [Fact]
    public async Task Creating_in_a_terminating_namespace_is_forbidden()
    {
        Namespace("dying");
        var held = Objects.ConfigMap("dying", "held");
        held["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        Server.Create(held);
        await Client.CoreV1.DeleteNamespaceAsync("dying");
        var ns = await Client.CoreV1.ReadNamespaceAsync("dying");
        Assert.Equal("Terminating", ns.Status.Phase);
        Assert.NotNull(ns.Metadata.DeletionTimestamp);

        var status = await ApiErrors.StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" } }, "dying"), 403);
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        Assert.Equal("NamespaceTerminating", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Contains("because it is being terminated", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stale_resource_versions_conflict_and_custom_resources_require_one()
    {
        Namespace("ns1");
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "ns1");
        var stale = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "ns1");
        cm.Data["a"] = "2";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cm", "ns1");
        stale.Data["a"] = "3";
        var conflict = await ApiErrors.StatusOf(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "cm", "ns1"), 409);
        Assert.Equal("Conflict", conflict["reason"]!.GetValue<string>());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; please apply your changes to the latest version and try again", conflict["message"]!.GetValue<string>());

        var app = Objects.Node((JsonElement)await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(Objects.App("ns1", "web")), Objects.Group, Objects.Version, "ns1", "apps"));
        app["metadata"]!.AsObject().Remove("resourceVersion");
        var required = await ApiErrors.StatusOf(() => Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Objects.Element(app), Objects.Group, Objects.Version, "ns1", "apps", "web"), 422);
        Assert.Equal("metadata.resourceVersion", required["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_subresource_separates_spec_and_status_and_generation_counts_spec_changes()
    {
        Namespace("ns1");
        var withStatus = Objects.App("ns1", "web");
        withStatus["status"] = new JsonObject { ["phase"] = "Ready" };
        var created = Objects.Node((JsonElement)await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(withStatus), Objects.Group, Objects.Version, "ns1", "apps"));
        Assert.Null(created["status"]);
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        // A status write changes only status, not generation, even when it carries a spec change.
        created["status"] = new JsonObject { ["phase"] = "Deploying" };
        created["spec"]!["port"] = 1234;
        var afterStatus = Objects.Node((JsonElement)await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(Objects.Element(created), Objects.Group, Objects.Version, "ns1", "apps", "web"));
        Assert.Equal("Deploying", afterStatus["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(8080, afterStatus["spec"]!["port"]!.GetValue<int>());
        Assert.Equal(1, afterStatus["metadata"]!["generation"]!.GetValue<long>());

        // A spec write bumps generation and ignores status.
        afterStatus["spec"]!["port"] = 9090;
        afterStatus["status"] = new JsonObject { ["phase"] = "Failed" };
        var afterSpec = Objects.Node((JsonElement)await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Objects.Element(afterStatus), Objects.Group, Objects.Version, "ns1", "apps", "web"));
        Assert.Equal(9090, afterSpec["spec"]!["port"]!.GetValue<int>());
        Assert.Equal("Deploying", afterSpec["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(2, afterSpec["metadata"]!["generation"]!.GetValue<long>());

        // Labels are metadata: no generation bump. An unchanged write stores nothing (same resourceVersion).
        afterSpec["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };
        var afterLabel = Objects.Node((JsonElement)await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Objects.Element(afterSpec), Objects.Group, Objects.Version, "ns1", "apps", "web"));
        Assert.Equal(2, afterLabel["metadata"]!["generation"]!.GetValue<long>());
        var again = Objects.Node((JsonElement)await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Objects.Element(afterLabel), Objects.Group, Objects.Version, "ns1", "apps", "web"));
        Assert.Equal(afterLabel["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());

        // Built-ins too: a Deployment's spec change bumps generation, its status write does not.
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "d" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "b" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["a"] = "b" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] } },
            },
        }, "ns1");
        Assert.Equal(1, deployment.Metadata.Generation);
        Assert.Equal(1, deployment.Spec.Replicas);
        deployment.Status = new V1DeploymentStatus { Replicas = 1, ObservedGeneration = 1 };
        deployment = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(deployment, "d", "ns1");
        Assert.Equal(1, deployment.Metadata.Generation);
        deployment.Spec.Replicas = 3;
        deployment = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "d", "ns1");
        Assert.Equal(2, deployment.Metadata.Generation);
        Assert.Equal(1, deployment.Status.Replicas);
    }

    [Fact]
    public async Task Jobs_get_a_controller_uid_selector_and_template_labels()
    {
        Namespace("ns1");
        var job = Objects.Job("ns1", "build");
        var created = await Client.BatchV1.CreateNamespacedJobAsync(KubernetesJson.Deserialize<V1Job>(job.ToJsonString()), "ns1");
        Assert.Equal(created.Metadata.Uid, created.Spec.Selector.MatchLabels["batch.kubernetes.io/controller-uid"]);
        Assert.Equal("build", created.Spec.Template.Metadata.Labels["job-name"]);
        Assert.Equal("build", created.Spec.Template.Metadata.Labels["batch.kubernetes.io/job-name"]);
        Assert.Equal(created.Metadata.Uid, created.Spec.Template.Metadata.Labels["controller-uid"]);

        created.Spec.Template.Spec.Containers[0].Image = "other";
        var immutable = await ApiErrors.StatusOf(() => Client.BatchV1.ReplaceNamespacedJobAsync(created, "build", "ns1"), 422);
        Assert.Contains("field is immutable", immutable["message"]!.GetValue<string>());

        var always = Objects.Job("ns1", "bad");
        always["spec"]!["template"]!["spec"]!["restartPolicy"] = "Always";
        var invalid = await ApiErrors.StatusOf(() => Client.BatchV1.CreateNamespacedJobAsync(KubernetesJson.Deserialize<V1Job>(always.ToJsonString()), "ns1"), 422);
        Assert.Equal("FieldValueNotSupported", invalid["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deletecollection_removes_what_the_selector_matches()
    {
        Namespace("ns1");
        for (var i = 0; i < 6; i++)
        {
            Server.Create(Objects.ConfigMap("ns1", $"cm{i}", new Dictionary<string, string> { ["parity"] = i % 2 == 0 ? "even" : "odd" }));
        }

        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync("ns1", labelSelector: "parity=even");
        var left = await Client.CoreV1.ListNamespacedConfigMapAsync("ns1");
        Assert.Equal(["cm1", "cm3", "cm5"], left.Items.Select(i => i.Metadata.Name));

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(Objects.App("ns1", "a1")), Objects.Group, Objects.Version, "ns1", "apps");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.Element(Objects.App("ns1", "a2")), Objects.Group, Objects.Version, "ns1", "apps");
        await Client.CustomObjects.DeleteCollectionNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps");
        Assert.Empty(Server.List($"{Objects.Group}/{Objects.Version}", "App", "ns1"));
    }
}

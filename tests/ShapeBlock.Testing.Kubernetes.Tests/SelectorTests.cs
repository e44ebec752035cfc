using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class SelectorTests : ServerTest
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };
    private static readonly Dictionary<string, string> Api = new() { ["app"] = "api", ["tier"] = "back" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db" };

    [Theory]
    [InlineData("app=web", "web")]
    [InlineData("app==web", "web")]
    [InlineData("app!=web", "api,db,none")]
    [InlineData("app in (web,api)", "api,web")]
    [InlineData("app notin (web,api)", "db,none")]
    [InlineData("tier", "api,web")]
    [InlineData("!tier", "db,none")]
    [InlineData("app in (web,api),tier=back", "api")]
    [InlineData("", "api,db,none,web")]
    public async Task Label_selectors_match_like_the_api_server(string selector, string expected)
    {
        Namespace("ns1");
        Server.Create(Objects.ConfigMap("ns1", "web", Web));
        Server.Create(Objects.ConfigMap("ns1", "api", Api));
        Server.Create(Objects.ConfigMap("ns1", "db", Db));
        Server.Create(Objects.ConfigMap("ns1", "none"));
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("ns1", labelSelector: selector);
        Assert.Equal(expected, string.Join(",", list.Items.Select(i => i.Metadata.Name)));
    }

    [Fact]
    public async Task Field_selectors_cover_name_namespace_node_phase_and_involved_object()
    {
        Namespace("ns1");
        Namespace("ns2");
        Server.Create(Objects.Pod("ns1", "p1", node: "node-a"));
        Server.Create(Objects.Pod("ns1", "p2", node: "node-b"));
        Server.Create(Objects.Pod("ns2", "p3", node: "node-a"));
        Server.Api.Mutate(Server.Api.Resource("v1", "Pod"), "ns1", "p2", p => p["status"]!["phase"] = "Running", subresource: "status");

        Assert.Equal(["p1"], (await Client.CoreV1.ListNamespacedPodAsync("ns1", fieldSelector: "metadata.name=p1")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p1", "p3"], (await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-a")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p3"], (await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "metadata.namespace=ns2")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p2"], (await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "status.phase=Running")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p1", "p3"], (await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "status.phase!=Running")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p1"], (await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-a,metadata.namespace=ns1")).Items.Select(p => p.Metadata.Name));

        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "e1" }, InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p1", NamespaceProperty = "ns1" }, Reason = "X" }, "ns1");
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "e2" }, InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p2", NamespaceProperty = "ns1" }, Reason = "Y" }, "ns1");
        Assert.Equal(["e2"], (await Client.CoreV1.ListNamespacedEventAsync("ns1", fieldSelector: "involvedObject.name=p2,involvedObject.kind=Pod")).Items.Select(e => e.Metadata.Name));

        var unsupported = await ApiErrors.StatusOf(() => Client.CoreV1.ListNamespacedConfigMapAsync("ns1", fieldSelector: "data.key=value"), 400);
        Assert.Contains("field label not supported: data.key", unsupported["message"]!.GetValue<string>());
        await ApiErrors.StatusOf(() => Client.CoreV1.ListNamespacedConfigMapAsync("ns1", labelSelector: "a in (b"), 400);

        Server.Create(Objects.App("ns1", "web"));
        var apps = await Client.CustomObjects.ListNamespacedCustomObjectAsync(Objects.Group, Objects.Version, "ns1", "apps", fieldSelector: "metadata.name=web");
        Assert.Single(((System.Text.Json.JsonElement)apps).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Limit_and_continue_page_through_a_consistent_order()
    {
        Namespace("ns1");
        for (var i = 0; i < 25; i++)
        {
            Server.Create(Objects.ConfigMap("ns1", $"cm{i:00}"));
        }

        var names = new List<string>();
        string? token = null;
        string? firstVersion = null;
        var pages = 0;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync("ns1", limit: 10, continueParameter: token);
            firstVersion ??= page.Metadata.ResourceVersion;
            Assert.Equal(firstVersion, page.Metadata.ResourceVersion);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            if (page.Metadata.ContinueProperty is not null)
            {
                Assert.Equal(25 - names.Count, page.Metadata.RemainingItemCount);
            }

            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"cm{i:00}"), names);
        await ApiErrors.StatusOf(() => Client.CoreV1.ListNamespacedConfigMapAsync("ns1", limit: 10, continueParameter: "garbage!"), 400);
    }

    [Fact]
    public async Task An_expired_continue_token_is_410()
    {
        await using var small = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions { WatchHistoryLimit = 5 });
        using var client = small.CreateClient();
        small.Create(Objects.Namespace("ns1"));
        for (var i = 0; i < 4; i++)
        {
            small.Create(Objects.ConfigMap("ns1", $"cm{i}"));
        }

        var page = await client.CoreV1.ListNamespacedConfigMapAsync("ns1", limit: 2);
        for (var i = 0; i < 10; i++)
        {
            small.Create(Objects.ConfigMap("ns1", $"later{i}"));
        }

        var expired = await ApiErrors.StatusOf(() => client.CoreV1.ListNamespacedConfigMapAsync("ns1", limit: 2, continueParameter: page.Metadata.ContinueProperty), 410);
        Assert.Equal("Expired", expired["reason"]!.GetValue<string>());
    }
}

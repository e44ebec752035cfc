using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary>
/// <c>${ext.ingress-address}</c> on an existing cluster without <c>Addons.BaseDomain</c>: read from the ingress
/// controller's LoadBalancer Service, else from the nodes, before anything is written; nothing to read is a clear error.
/// </summary>
public sealed class IngressAddressTests : IAsyncLifetime
{
    private const string LoadBalancerIp = "203.0.113.7";
    private EngineHarness harness = null!;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task The_load_balancer_address_of_the_ingress_service_makes_the_registry_and_app_hosts()
    {
        SeedIngressService(new JsonObject { ["ip"] = LoadBalancerIp });
        // A node with an external address too: the load balancer wins.
        AddNode("node-a", ("ExternalIP", "198.51.100.4"));

        var preview = await harness.RunAsync(Define, default, "preview", "--json", "--verbose");
        Assert.True(preview.ExitCode == ExitCodes.Ok, preview.All);
        Assert.Contains("${ext.ingress-address} = 203.0.113.7 (from the LoadBalancer status of Service ingress-nginx/ingress-nginx-controller)", preview.Out, StringComparison.Ordinal);
        Assert.Contains($"registry.{LoadBalancerIp}.nip.io", preview.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("${ext.ingress-address}.nip.io", preview.Out, StringComparison.Ordinal);

        var up = await harness.RunAsync(Define, default, "up", "--yes", "--no-wait");
        Assert.True(up.ExitCode == ExitCodes.Ok, up.All);
        var chart = harness.Server.Get("helm.cattle.io/v1", "HelmChart", "kube-system", "registry")!;
        Assert.Contains($"registry.{LoadBalancerIp}.nip.io", chart["spec"]!["valuesContent"]!.GetValue<string>(), StringComparison.Ordinal);
        var app = harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "web")!;
        Assert.Contains($"registry.{LoadBalancerIp}.nip.io", app["spec"]!.ToJsonString(), StringComparison.Ordinal);

        // The address is stable, so a second up writes nothing.
        harness.Server.Faults.Requests.Reset();
        var again = await harness.RunAsync(Define, default, "up", "--yes", "--no-wait");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.All);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        Assert.DoesNotContain(EngineHarness.AppToken, preview.All + up.All + again.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_load_balancer_address_the_first_node_external_ip_is_used_then_its_internal_ip()
    {
        // The Service exists but its load balancer is still pending.
        SeedIngressService(null);
        AddNode("node-b", ("InternalIP", "10.1.0.5"), ("ExternalIP", "198.51.100.9"));
        AddNode("node-a", ("InternalIP", "10.1.0.4"));

        var up = await harness.RunAsync(Define, default, "up", "--yes", "--no-wait");

        Assert.True(up.ExitCode == ExitCodes.Ok, up.All);
        Assert.Contains("${ext.ingress-address} = 198.51.100.9 (from the ExternalIP of node node-b (the ingress controller's Service has no load balancer address yet))", up.Out, StringComparison.Ordinal);
        Assert.Contains("registry.198.51.100.9.nip.io", harness.Server.Get("helm.cattle.io/v1", "HelmChart", "kube-system", "registry")!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_with_internal_addresses_only_give_the_first_internal_ip()
    {
        AddNode("node-b", ("InternalIP", "10.1.0.5"));
        AddNode("node-a", ("InternalIP", "10.1.0.4"), ("Hostname", "node-a"));

        var preview = await harness.RunAsync(Define, default, "preview");

        Assert.True(preview.ExitCode == ExitCodes.Ok, preview.All);
        Assert.Contains("${ext.ingress-address} = 10.1.0.4 (from the InternalIP of node node-a (the ingress controller's Service does not exist yet))", preview.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_to_read_is_a_clear_error_naming_base_domain_and_nothing_is_written()
    {
        var preview = await harness.RunAsync(Define, default, "preview");
        Assert.True(preview.ExitCode == ExitCodes.Ok, preview.All);
        Assert.Contains("${ext.ingress-address} stays unknown until up", preview.Out, StringComparison.Ordinal);
        Assert.Contains("registry.${ext.ingress-address}.nip.io", preview.Out, StringComparison.Ordinal);

        harness.Server.Faults.Requests.Reset();
        var up = await harness.RunAsync(Define, default, "up", "--yes", "--no-wait");

        Assert.Equal(ExitCodes.ApplyFailed, up.ExitCode);
        Assert.Contains("cannot find the ingress address", up.Error, StringComparison.Ordinal);
        Assert.Contains("no LoadBalancer Service of the ingress controller and no node reports an ExternalIP or InternalIP", up.Error, StringComparison.Ordinal);
        Assert.Contains("Set Addons.BaseDomain on cluster 'ext'", up.Error, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
    }

    [Fact]
    public async Task A_load_balancer_with_a_dns_name_only_asks_for_a_base_domain()
    {
        SeedIngressService(new JsonObject { ["hostname"] = "abc123.elb.example.com" });
        AddNode("node-a", ("ExternalIP", "198.51.100.4"));

        var up = await harness.RunAsync(Define, default, "up", "--yes", "--no-wait");

        Assert.Equal(ExitCodes.ApplyFailed, up.ExitCode);
        Assert.Contains("the DNS name abc123.elb.example.com (Service ingress-nginx/ingress-nginx-controller) and no IP", up.Error, StringComparison.Ordinal);
        Assert.Contains("CNAME abc123.elb.example.com", up.Error, StringComparison.Ordinal);
        Assert.Contains("set Addons.BaseDomain on cluster 'ext'", up.Error, StringComparison.Ordinal);
    }

    /// <summary>An existing cluster with ingress-nginx and no base domain, one project with an app built from Git.</summary>
    private void Define(Stack stack)
    {
        var cluster = stack.Add(new Cluster("ext", new ClusterArgs
        {
            Provider = ExistingCluster.FromKubeconfig(harness.KubeconfigPath),
            Addons = { Ingress = Ingress.Nginx },
        }));
        var demo = cluster.AddProject("demo");
        demo.AddApp("web", new AppArgs
        {
            Git = new("https://github.com/acme/web.git", branch: "main"),
            Build = Build.Dockerfile(),
            Env = { ["TOKEN"] = Secret.FromEnvironment("APP_TOKEN") },
        });
    }

    private void SeedIngressService(JsonObject? ingress)
    {
        if (harness.Server.Get("v1", "Namespace", null, "ingress-nginx") is null)
        {
            harness.Server.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "ingress-nginx" } });
        }

        harness.Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "ingress-nginx-controller",
                ["namespace"] = "ingress-nginx",
                ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "ingress-nginx", ["app.kubernetes.io/component"] = "controller" },
            },
            ["spec"] = new JsonObject { ["type"] = "LoadBalancer", ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80 }) },
        });
        if (ingress is not null)
        {
            var services = harness.Server.Api.Resource("v1", "Service");
            harness.Server.Api.Mutate(services, "ingress-nginx", "ingress-nginx-controller",
                o => o["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(ingress) } }, subresource: "status");
        }
    }

    private void AddNode(string name, params (string Type, string Address)[] addresses) =>
        harness.Server.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray([.. addresses.Select(a => (JsonNode)new JsonObject { ["type"] = a.Type, ["address"] = a.Address })]),
            },
        });
}

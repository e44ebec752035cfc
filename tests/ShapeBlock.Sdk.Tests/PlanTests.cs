using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;

namespace ShapeBlock.Sdk.Tests;

public sealed class PlanTests
{
    [Fact]
    public void The_same_stack_always_gives_the_same_plan()
    {
        var first = PlanRenderer.Render(Planner.Create(TestSupport.QuickStart()));
        var second = PlanRenderer.Render(Planner.Create(TestSupport.QuickStart()));

        Assert.Equal(first.Select(f => f.Path), second.Select(f => f.Path));
        Assert.Equal(first.Select(f => f.Content), second.Select(f => f.Content));
    }

    [Fact]
    public void Every_dependency_comes_earlier_in_the_plan()
    {
        foreach (var plan in new[] { Planner.Create(TestSupport.QuickStart()), Planner.Create(TestSupport.Stack(s => TestSupport.Existing(s))) })
        {
            var seen = new HashSet<string>();
            foreach (var step in plan.Steps)
            {
                Assert.All(step.DependsOn, d => Assert.Contains(d, seen));
                Assert.True(seen.Add(step.Id), $"duplicate step {step.Id}");
            }
        }
    }

    [Fact]
    public void QuickStart_steps_go_cloud_then_k3s_then_platform_then_workloads()
    {
        var plan = Planner.Create(TestSupport.QuickStart());
        var ids = plan.Steps.Select(s => s.Id).ToList();

        Assert.Equal(
            [
                "prod/cloud/prod-key", "prod/cloud/prod-network", "prod/cloud/prod-firewall",
                "prod/cloud/prod-master-1", "prod/cloud/prod-workers-1", "prod/cloud/prod-workers-2",
                "prod/k3s/prod-master-1", "prod/k3s/prod-workers-1", "prod/k3s/prod-workers-2", "prod/kubeconfig",
                "prod/platform/namespace", "prod/platform/ingress-nginx", "prod/platform/cert-manager", "prod/platform/cluster-issuer",
                "prod/platform/registry", "prod/platform/crds", "prod/platform/operator",
                "prod/shop", "prod/shop/db", "prod/shop/web", "prod/shop/worker",
            ],
            ids);
        Assert.Equal(["prod/shop", "prod/shop/db"], plan.Find("prod/shop/web")!.DependsOn);
        Assert.Equal(["prod/platform/namespace", "prod/platform/crds", "prod/platform/registry"], plan.Find("prod/platform/operator")!.DependsOn);
        Assert.Equal(["prod/cloud/prod-key", "prod/cloud/prod-network", "prod/cloud/prod-firewall"], plan.Find("prod/cloud/prod-master-1")!.DependsOn);
    }

    [Fact]
    public void Every_object_carries_the_stack_and_managed_by_labels()
    {
        var plan = Planner.Create(TestSupport.Stack(QuickStart.QuickStartStack.Define, "staging"));

        Assert.NotEmpty(plan.Objects);
        Assert.All(plan.Objects, o =>
        {
            var labels = o.Manifest["metadata"]!["labels"]!;
            Assert.Equal("staging", labels[Labels.Stack]!.GetValue<string>());
            Assert.Equal("shapeblock", labels[Labels.ManagedBy]!.GetValue<string>());
        });
    }

    [Fact]
    public void Ha_cluster_gets_an_api_load_balancer_and_joining_masters()
    {
        var plan = Planner.Create(TestSupport.Stack(s => s.Add(new Cluster("ha", new ClusterArgs
        {
            Provider = new HetznerProvider { Token = Secret.Literal("x") },
            Masters = new MasterPool { Count = 3 },
            NodePools = { new NodePool("big") { Count = 1, Size = "cx42", Labels = { ["tier"] = "big" }, Taints = { new NodeTaint("dedicated", "big") } } },
            Addons = { Ingress = Ingress.Traefik },
        }))));

        var names = plan.Steps.Where(s => s.CloudResource is not null).Select(s => s.CloudResource!.Name).ToList();
        Assert.Equal(["ha-key", "ha-network", "ha-firewall", "ha-api", "ha-master-1", "ha-master-2", "ha-master-3", "ha-big-1"], names);

        var first = Args(plan, "ha/k3s/ha-master-1");
        Assert.Contains("--cluster-init", first);
        Assert.Equal("${ha-api.ipv4}", After(first, "--tls-san"));
        Assert.DoesNotContain("traefik", first);
        Assert.Contains("CriticalAddonsOnly=true:NoExecute", first);

        var second = Args(plan, "ha/k3s/ha-master-2");
        Assert.Equal("https://10.0.1.11:6443", After(second, "--server"));
        Assert.Equal("10.0.1.12", After(second, "--node-ip"));

        var worker = plan.Find("ha/k3s/ha-big-1")!.Script!.Commands[0];
        Assert.Equal("agent", worker.Arguments[2]);
        Assert.Contains("dedicated=big:NoSchedule", worker.Arguments);
        Assert.Contains("tier=big", worker.Arguments);
        Assert.Equal("https://10.0.1.11:6443", worker.Environment.Single(e => e.Name == "K3S_URL").Value);
        Assert.NotNull(worker.Environment.Single(e => e.Name == "K3S_TOKEN").Secret);
        // k3s ships traefik: nothing to install for it on a provisioned cluster.
        Assert.Null(plan.Find("ha/platform/traefik"));
        Assert.Null(plan.Find("ha/platform/helm-controller"));
        Assert.Equal(["ha/cloud/ha-api"], plan.Find("ha/k3s/ha-master-1")!.DependsOn.Take(1));
    }

    [Fact]
    public void Existing_cluster_gets_standalone_helm_controller_and_no_machines()
    {
        var plan = Planner.Create(TestSupport.Stack(s => TestSupport.Existing(s, Ingress.Traefik)));

        Assert.DoesNotContain(plan.Steps, s => s.Kind != StepKind.Kubernetes);
        Assert.Equal("ext/platform/namespace", plan.Steps[0].Id);
        var helm = plan.Find("ext/platform/helm-controller")!;
        Assert.Contains(helm.Objects, o => o.Kind == "Deployment" && o.Manifest.ToJsonString().Contains($"rancher/helm-controller:{PlatformVersions.HelmController}", StringComparison.Ordinal));
        Assert.Equal(["ext/platform/helm-controller"], plan.Find("ext/platform/traefik")!.DependsOn);
        Assert.Equal(["ext/demo"], plan.Find("ext/teams/devs")!.DependsOn);
        Assert.Equal(["ext/demo/hello"], plan.Find("ext/demo/hello/builds/hello-1-0-1")!.DependsOn);
    }

    [Fact]
    public void Ssh_machines_are_named_after_cluster_and_pool()
    {
        var ssh = new SshMachines
        {
            Masters = { new SshHost("192.0.2.10") { PrivateAddress = "10.1.0.10" } },
            Workers = { new SshHost("192.0.2.11"), new SshHost("192.0.2.12") { Pool = "gpu", User = "ubuntu", Sudo = true, Port = 2222 } },
            PrivateInterface = "eth1",
        };
        var plan = Planner.Create(TestSupport.Stack(s => s.Add(new Cluster("lab", new ClusterArgs { Provider = ssh }))));

        Assert.Equal(["lab/k3s/lab-master-1", "lab/k3s/lab-workers-1", "lab/k3s/lab-gpu-1", "lab/kubeconfig"],
            plan.Steps.Where(s => s.Kind == StepKind.Host).Select(s => s.Id));
        var gpu = plan.Find("lab/k3s/lab-gpu-1")!.Script!;
        Assert.True(gpu.Sudo);
        Assert.Equal(("ubuntu", 2222, "192.0.2.12"), (gpu.User, gpu.Port, gpu.Address));
        Assert.Equal("https://10.1.0.10:6443", gpu.Commands[0].Environment.Single(e => e.Name == "K3S_URL").Value);
        Assert.Equal("eth1", After(gpu.Commands[0].Arguments, "--flannel-iface"));
    }

    [Fact]
    public void Crs_render_through_the_typed_contract()
    {
        var plan = Planner.Create(TestSupport.QuickStart());
        var web = plan.Objects.Single(o => o.Kind == "App" && o.Name == "web").Manifest;

        Assert.Equal(ApiGroup.ApiVersion, web["apiVersion"]!.GetValue<string>());
        Assert.Equal("shop", web["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("dockerfile", web["spec"]!["build"]!["type"]!.GetValue<string>());
        Assert.Equal("registry.apps.example.com", web["spec"]!["registry"]!["url"]!.GetValue<string>());
        Assert.Equal("DB", web["spec"]!["services"]![0]!["envPrefix"]!.GetValue<string>());
        Assert.Null(web["status"]);
        var db = plan.Objects.Single(o => o.Kind == "Service" && o.ApiVersion == "apps.shapeblock.io/v1alpha1").Manifest;
        Assert.Equal("postgres", db["spec"]!["type"]!.GetValue<string>());
        Assert.Equal("Retain", db["spec"]!["deletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_base_domain_the_registry_host_is_known_after_up()
    {
        var plan = Planner.Create(TestSupport.Stack(s => s.Add(new Cluster("c", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }))));

        Assert.Contains("${c.ingress-address}", plan.Unknowns.Keys);
        var chart = plan.Objects.Single(o => o.Kind == "HelmChart" && o.Name == "registry");
        Assert.Contains("registry.${c.ingress-address}.nip.io", chart.Manifest["spec"]!["valuesContent"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_env_goes_into_a_secret_and_the_app_only_names_it()
    {
        var plan = Planner.Create(TestSupport.Stack(s =>
        {
            var c = s.Add(new Cluster("c", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }));
            c.AddProject("p").AddApp("web", new AppArgs { Build = Build.Image("nginx:1"), Env = { ["PLAIN"] = "1", ["TOKEN"] = Secret.FromEnvironment("WEB_TOKEN") } });
        }));

        var step = plan.Find("c/p/web")!;
        var secret = step.Objects.Single(o => o.IsSecret);
        Assert.Equal("web-env", secret.Name);
        Assert.Equal("(secret)", secret.Manifest["stringData"]!["TOKEN"]!.GetValue<string>());
        Assert.Equal("environment variable WEB_TOKEN", secret.SecretData["TOKEN"].Description);
        var app = step.Objects.Single(o => o.Kind == "App").Manifest;
        Assert.Equal("""{"PLAIN":"1"}""", app["spec"]!["env"]!.ToJsonString());
        Assert.Equal("""["web-env"]""", app["spec"]!["secretEnv"]!.ToJsonString());
    }

    private static IReadOnlyList<string> Args(Plan plan, string id) => plan.Find(id)!.Script!.Commands[0].Arguments;

    private static string After(IReadOnlyList<string> args, string flag) => args[args.ToList().IndexOf(flag) + 1];
}

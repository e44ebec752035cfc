using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;

// Any cluster reachable through a kubeconfig: EKS, AKS, GKE, DOKS, k3s, kind, …
//   KUBECONFIG_PATH=~/.kube/config KUBE_CONTEXT=my-cluster dotnet run --project examples/ExistingCluster -- preview
// In CI, pass the kubeconfig itself in an environment variable instead: KUBECONFIG_CONTENT.
var context = Environment.GetEnvironmentVariable("KUBE_CONTEXT");
var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG_CONTENT") is { Length: > 0 }
    ? ExistingCluster.FromKubeconfig(Secret.FromEnvironment("KUBECONFIG_CONTENT"), context)
    : ExistingCluster.FromKubeconfig(Environment.GetEnvironmentVariable("KUBECONFIG_PATH") ?? "~/.kube/config", context);

return await ShapeBlockProgram.RunAsync(args, stack =>
{
    var cluster = stack.Add(new Cluster("existing", new ClusterArgs
    {
        Provider = kubeconfig,
        Addons =
        {
            Ingress = Ingress.Nginx,
            CertManager = new("ops@example.com"),
            BaseDomain = Environment.GetEnvironmentVariable("BASE_DOMAIN") ?? "apps.example.com",
        },
    }));

    var demo = cluster.AddProject("demo", new ProjectArgs
    {
        DisplayName = "Demo",
        Quota = new ProjectQuota { Cpu = "2", Memory = "4Gi", Pods = 20 },
        Defaults = new ContainerResources { Cpu = "50m", Memory = "64Mi", MemoryLimit = "256Mi" },
    });

    var cache = demo.AddService("cache", Service.Redis(version: "7"));
    var hello = demo.AddApp("hello", new AppArgs
    {
        Build = Build.Image("ghcr.io/shapeblock/hello:1.0.0"),
        Port = 8080,
        Replicas = 2,
        Domains = { "hello.apps.example.com" },
        Bind = { cache },
    });
    hello.Deploy("1.0.0");

    cluster.AddTeam("developers", new TeamArgs
    {
        DisplayName = "Developers",
        Members = { TeamMember.Group("developers") },
        Projects = { { demo, ProjectRole.Developer } },
    });
});

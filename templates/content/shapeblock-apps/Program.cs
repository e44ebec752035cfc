using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;

// dotnet run -- preview        the plan; without a readable kubeconfig everything shows as to create
// dotnet run -- up             installs the platform, then the project, service, app and team
// KUBECONFIG_PATH / KUBE_CONTEXT pick the cluster; in CI pass the kubeconfig itself in KUBECONFIG_CONTENT.
var context = Environment.GetEnvironmentVariable("KUBE_CONTEXT");
var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG_CONTENT") is { Length: > 0 }
    ? ExistingCluster.FromKubeconfig(Secret.FromEnvironment("KUBECONFIG_CONTENT"), context)
    : ExistingCluster.FromKubeconfig(Environment.GetEnvironmentVariable("KUBECONFIG_PATH") ?? "~/.kube/config", context);
var baseDomain = Environment.GetEnvironmentVariable("BASE_DOMAIN") ?? "apps.example.com";

return await ShapeBlockProgram.RunAsync(args, stack =>
{
    var cluster = stack.Add(new Cluster("existing", new ClusterArgs
    {
        Provider = kubeconfig,
        Addons = { Ingress = Ingress.Nginx, CertManager = new("ops@example.com"), BaseDomain = baseDomain },
    }));

    var project = cluster.AddProject("PROJECT_NAME", new ProjectArgs
    {
        Quota = new ProjectQuota { Cpu = "2", Memory = "4Gi", Pods = 20 },
        Defaults = new ContainerResources { Cpu = "50m", Memory = "64Mi", MemoryLimit = "256Mi" },
    });

    var cache = project.AddService("cache", Service.Redis(version: "7"));

    // An image app, deployed at a tag; Build.Dockerfile() or Build.Buildpack() with Git = new(url, branch) builds from source.
    var web = project.AddApp("web", new AppArgs
    {
        Build = Build.Image("nginxinc/nginx-unprivileged:1.27"),
        Port = 8080,
        Replicas = 2,
        Domains = { $"web.{baseDomain}" },
        Bind = { cache },
    });
    web.Deploy("1.27");

    cluster.AddTeam("developers", new TeamArgs
    {
        Members = { TeamMember.Group("developers") },
        Projects = { { project, ProjectRole.Developer } },
    });
});

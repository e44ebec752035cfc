using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;

namespace QuickStart;

/// <summary>The QuickStart stack: one Hetzner cluster, a project with a Dockerfile app, a buildpack app and Postgres.</summary>
public static class QuickStartStack
{
    /// <summary>Declares the stack.</summary>
    /// <param name="stack">The stack to add to.</param>
    public static void Define(Stack stack)
    {
        var cluster = stack.Add(new Cluster("prod", new ClusterArgs
        {
            // The token is read only by `up`; `preview` and `render` work without it.
            Provider = new HetznerProvider { Token = Secret.FromEnvironment("HCLOUD_TOKEN"), Location = "fsn1" },
            Masters = new MasterPool { Count = 1, Size = "cx22" },
            NodePools = { new NodePool("workers") { Size = "cx22", Count = 2 } },
            Addons = { Ingress = Ingress.Nginx, CertManager = new("ops@example.com"), BaseDomain = "apps.example.com" },
        }));

        var shop = cluster.AddProject("shop", new ProjectArgs { DisplayName = "Shop" });
        var db = shop.AddService("db", Service.Postgres(version: "16", storage: "5Gi"));

        shop.AddApp("web", new AppArgs
        {
            Git = new("https://github.com/acme/shop.git", branch: "main"),
            Build = Build.Dockerfile(),
            Port = 8080,
            Domains = { "shop.example.com" },
            Env = { ["LOG_LEVEL"] = "info" },
            Bind = { db },
            HealthCheck = new("/healthz"),
        });

        shop.AddApp("worker", new AppArgs
        {
            Git = new("https://github.com/acme/shop-worker.git", branch: "main"),
            Build = Build.Buildpack(),
            Port = 3000,
            Resources = new ContainerResources { Cpu = "50m", Memory = "128Mi", MemoryLimit = "256Mi" },
        });
    }
}

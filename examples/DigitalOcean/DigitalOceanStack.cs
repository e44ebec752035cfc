using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;

namespace DigitalOceanExample;

/// <summary>A small DigitalOcean cluster: one master and one worker (s-2vcpu-4gb), a project with a web app and Redis.</summary>
public static class DigitalOceanStack
{
    /// <summary>Declares the stack.</summary>
    /// <param name="stack">The stack to add to.</param>
    public static void Define(Stack stack)
    {
        var cluster = stack.Add(new Cluster("do-demo", new ClusterArgs
        {
            Provider = new DigitalOceanProvider
            {
                // Read only by up, destroy, status and kubeconfig; preview and render work without them.
                Token = Secret.FromEnvironment("DIGITALOCEAN_TOKEN"),
                Region = "fra1",
                SshPublicKeyFile = "~/.ssh/id_ed25519.pub",
                SshPrivateKey = Secret.FromFile("~/.ssh/id_ed25519"),
            },
            // SSH (22) and the Kubernetes API (6443) are open to anywhere unless limited here, e.g. to your office or
            // VPN range (the machine running `up` must be inside; 80/443 stay open). Changing it updates the firewall on
            // the next up.
            // AdminCidrs = ["203.0.113.0/24", "2001:db8:1234::/48"],
            Masters = new MasterPool { Count = 1, Size = DigitalOceanProvider.DefaultSize },
            NodePools = { new NodePool("workers") { Size = DigitalOceanProvider.DefaultSize, Count = 1 } },
            Addons =
            {
                Ingress = Ingress.Nginx,
                CertManager = new("ops@example.com"),
                BaseDomain = Environment.GetEnvironmentVariable("BASE_DOMAIN") ?? "apps.example.com",
            },
        }));

        var demo = cluster.AddProject("demo", new ProjectArgs { DisplayName = "Demo" });
        var cache = demo.AddService("cache", Service.Redis());
        demo.AddApp("web", new AppArgs
        {
            Build = Build.Image("nginxinc/nginx-unprivileged:1.27"),
            Port = 8080,
            Bind = { cache },
            Resources = new ContainerResources { Cpu = "50m", Memory = "64Mi", MemoryLimit = "128Mi" },
        });
    }
}

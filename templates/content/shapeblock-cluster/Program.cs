using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;

// dotnet run -- preview        the whole plan; needs no credentials
// dotnet run -- render out/    every manifest and script `up` would apply, written to out/
// dotnet run -- up             creates what the plan shows (credentials below), then `status`, `kubeconfig`, `destroy`
return await ShapeBlockProgram.RunAsync(args, stack =>
{
#if (provider == "hetzner")
    // Read only by up, destroy, status and kubeconfig: preview and render work without them.
    var provider = new HetznerProvider
    {
        Token = Secret.FromEnvironment("HCLOUD_TOKEN"),
        Location = "fsn1",
        SshPublicKeyFile = "~/.ssh/id_ed25519.pub",
        SshPrivateKey = Secret.FromFile("~/.ssh/id_ed25519"),
    };
#elif (provider == "digitalocean")
    // Read only by up, destroy, status and kubeconfig: preview and render work without them.
    var provider = new DigitalOceanProvider
    {
        Token = Secret.FromEnvironment("DIGITALOCEAN_TOKEN"),
        Region = "fra1",
        SshPublicKeyFile = "~/.ssh/id_ed25519.pub",
        SshPrivateKey = Secret.FromFile("~/.ssh/id_ed25519"),
    };
#elif (provider == "ssh")
    // Your machines; the default addresses are documentation addresses (RFC 5737) that reach nothing.
    var master = Environment.GetEnvironmentVariable("SB_MASTER") ?? "192.0.2.10";
    var worker = Environment.GetEnvironmentVariable("SB_WORKER") ?? "192.0.2.11";
    var provider = new SshMachines
    {
        // Read only by up, destroy, status and kubeconfig: preview and render work without it.
        PrivateKey = Secret.FromFile(Environment.GetEnvironmentVariable("SB_SSH_KEY") ?? "~/.ssh/id_ed25519"),
    };
    provider.Masters.Add(new SshHost(master) { User = "root" });
    provider.Workers.Add(new SshHost(worker) { User = "root" });
#else
    // Any cluster with a kubeconfig (EKS, AKS, GKE, DOKS, k3s, kind, …); ShapeBlock never touches its nodes.
    // Without a readable kubeconfig, preview shows everything as to create and says so.
    var provider = ExistingCluster.FromKubeconfig(
        Environment.GetEnvironmentVariable("KUBECONFIG_PATH") ?? "~/.kube/config",
        Environment.GetEnvironmentVariable("KUBE_CONTEXT"));
#endif

    var cluster = stack.Add(new Cluster("CLUSTER_NAME", new ClusterArgs
    {
        Provider = provider,
#if (provider == "hetzner")
        Masters = new MasterPool { Count = 1, Size = "cx22" },
        NodePools = { new NodePool("workers") { Size = "cx22", Count = 2 } },
#elif (provider == "digitalocean")
        Masters = new MasterPool { Count = 1, Size = DigitalOceanProvider.DefaultSize },
        NodePools = { new NodePool("workers") { Size = DigitalOceanProvider.DefaultSize, Count = 1 } },
#endif
        Addons =
        {
            Ingress = Ingress.Nginx,
            CertManager = new("ops@example.com"),
            BaseDomain = Environment.GetEnvironmentVariable("BASE_DOMAIN") ?? "apps.example.com",
        },
    }));

    var demo = cluster.AddProject("demo", new ProjectArgs { DisplayName = "Demo" });
    var db = demo.AddService("db", Service.Postgres(version: "16", storage: "5Gi"));
    demo.AddApp("web", new AppArgs
    {
        Build = Build.Image("nginxinc/nginx-unprivileged:1.27"),
        Port = 8080,
        Bind = { db },
        Resources = new ContainerResources { Cpu = "50m", Memory = "64Mi", MemoryLimit = "128Mi" },
    });
});

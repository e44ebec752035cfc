using Pulumi;
using ShapeBlock.Pulumi;
using Sdk = ShapeBlock.Sdk.Model;

// A k3s cluster with the ShapeBlock platform, a project with Postgres and an app — as Pulumi components.
// Configure with `pulumi config set --secret token <API token>` and `pulumi config set sshPublicKey "$(cat ~/.ssh/id_ed25519.pub)"`.
return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var cluster = new Cluster(config.Get("clusterName") ?? "prod", new ClusterArgs
    {
        Provider = "hetzner",
        Location = config.Get("location"),
        Masters = config.GetInt32("masters") ?? 1,
        NodePools = { new NodePoolArgs { Name = "workers", Count = config.GetInt32("workers") ?? 1 } },
        BaseDomain = config.Get("baseDomain"),
        LetsEncryptEmail = config.Get("letsEncryptEmail"),
        Token = config.RequireSecret("token"),
        SshPublicKey = config.Require("sshPublicKey"),
    });

    var shop = new Project("shop", new ProjectArgs { Cluster = cluster, DisplayName = "Shop" });
    var db = new Service("db", new ServiceArgs
    {
        Project = shop,
        Settings = new Sdk.ServiceArgs(Sdk.ServiceKind.Postgres) { Version = "16", Storage = "5Gi" },
    });
    var web = new App("web", new AppArgs
    {
        Project = shop,
        Settings = new Sdk.AppArgs { Build = Sdk.Build.Image("ghcr.io/stefanprodan/podinfo:6.7.1"), Port = 9898 },
        Bind = { db },
        SecretEnv = { ["SESSION_SECRET"] = config.RequireSecret("sessionSecret") },
    });

    return new Dictionary<string, object?>
    {
        ["kubeconfig"] = cluster.Kubeconfig,
        ["apiEndpoint"] = cluster.ApiEndpoint,
        ["nodeIps"] = cluster.NodeIps,
        ["urls"] = web.Urls,
    };
});

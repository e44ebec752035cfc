using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Tests;

public sealed class ModelValidationTests
{
    [Fact]
    public void QuickStart_is_valid_without_credentials_and_names_the_missing_token()
    {
        var report = StackValidator.Validate(TestSupport.QuickStart(), TestSupport.Resolver());

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        var missing = Assert.Single(report.MissingCredentials);
        Assert.Equal("prod: Hetzner API token (environment variable HCLOUD_TOKEN is not set)", missing);
    }

    [Fact]
    public void Every_problem_of_a_broken_model_is_listed_with_its_path()
    {
        var stack = TestSupport.Stack(s =>
        {
            var prod = s.Add(new Cluster("prod", new ClusterArgs
            {
                Provider = new HetznerProvider { Token = Secret.FromEnvironment("HCLOUD_TOKEN"), NetworkCidr = "10.0.0.0/8" },
                Masters = new MasterPool { Count = 2 },
                NodePools = { new NodePool("workers") { Count = -1 }, new NodePool("workers"), new NodePool("Big_Pool") },
                Addons = { CertManager = new("not-an-email"), BaseDomain = "Apps.Example", Registry = new RegistryOptions { Storage = "lots" } },
                K3sVersion = "1.33",
            }));
            var shop = prod.AddProject("shop");
            var other = prod.AddProject("other");
            var otherDb = other.AddService("otherdb", Service.Postgres());
            var db = shop.AddService("db", Service.Postgres(storage: "five gigs"));
            shop.AddService("db", Service.MySql());
            shop.AddService("cache", Service.Chart("redis", "charts.example.com"));
            shop.AddApp("web", new AppArgs
            {
                Git = new("https://github.com/acme/shop.git"),
                Port = 70000,
                Replicas = -1,
                Domains = { "Shop_Example", "ok.example.com" },
                Env = { ["1BAD"] = "x", ["API_KEY"] = Secret.FromEnvironment("SHOP_API_KEY") },
                Bind = { db, otherDb, { db, "lower" } },
                Resources = new ContainerResources { Memory = "lots" },
                Autoscaling = new Autoscale(5, 2),
                Workers = { new Worker("jobs"), new Worker("Jobs_2", "run") },
                Volumes = { new Volume("data", "relative/path", "1Gi") },
            });
            shop.AddApp("web", new AppArgs { Build = Build.Image("") });
            shop.AddApp("Api", new AppArgs { Build = Build.Buildpack(), Domains = { "ok.example.com" } });
            shop.AddApp("db", new AppArgs { Build = Build.Image("nginx:1") });
            prod.AddProject("kube-system");
            prod.AddTeam("devs", new TeamArgs { Members = { TeamMember.ServiceAccount("ci", "") } });
        });

        var report = StackValidator.Validate(stack, TestSupport.Resolver());
        var lines = report.Errors.Select(e => e.ToString()).ToList();
        var text = string.Join("\n", lines);

        string[] expected =
        [
            "prod: masters must be 1, 3 or 5 (got 2)",
            "prod: HetznerProvider.NetworkCidr must be an IPv4 /16",
            "prod: node pool 'workers' is declared 2 times",
            "prod/pools/workers: count must be 0–100 (got -1)",
            "prod/pools/Big_Pool: node pool name 'Big_Pool' must be a DNS label",
            "prod: K3sVersion must look like v1.33.5+k3s1",
            "prod: CertManager email 'not-an-email' is not an email address",
            "prod: BaseDomain 'Apps.Example' must be a DNS name",
            "prod: Registry.Storage 'lots' must be a Kubernetes quantity",
            "prod/shop: app 'web' is declared 2 times",
            "prod/shop: service 'db' is declared 2 times",
            "prod/shop: 'db' names both an app and a service",
            "prod/shop/db: storage 'five gigs' must be a Kubernetes quantity",
            "prod/shop/cache: chart repository 'charts.example.com' must be an https://, http:// or oci:// URL",
            "prod/shop/web: port must be 1–65535",
            "prod/shop/web: replicas must be 0–1000",
            "prod/shop/web: env '1BAD' is not a valid variable name",
            "prod/shop/web: env API_KEY: environment variable SHOP_API_KEY is not set",
            "prod/shop/web: domain 'Shop_Example' must be a lower-case DNS name",
            "prod/shop/web: bound service prod/other/otherdb is in another project",
            "prod/shop/web: bound service 'db' is declared 2 times",
            "prod/shop/web: env prefix 'lower' of db must be upper-case",
            "prod/shop/web: resources memory 'lots' must be a Kubernetes quantity",
            "prod/shop/web: autoscaling needs 1 ≤ min ≤ max ≤ 1000 (got 5–2)",
            "prod/shop/web: worker 'jobs' needs a command",
            "prod/shop/web: worker name 'Jobs_2' must be a DNS label",
            "prod/shop/web: volume 'data' mount path 'relative/path' must be absolute",
            "prod/shop/web: Build.Image(...) needs an image reference",
            "prod/shop/Api: app name 'Api' must start with a lower-case letter",
            "prod/shop/Api: Git is required for Buildpack builds",
            "prod/shop/Api: domain 'ok.example.com' is also used by prod/shop/web",
            "prod/kube-system: project name 'kube-system' is a reserved namespace",
            "prod/teams/devs: service account member 'ci' needs its namespace",
        ];
        var missing = expected.Where(e => !lines.Any(l => l.StartsWith(e, StringComparison.Ordinal))).ToList();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "sdk-broken-model.txt"), text);
        Assert.True(missing.Count == 0, "missing:\n" + string.Join("\n", missing) + "\n\ngot:\n" + text);
        Assert.False(report.IsValid);
        Assert.Contains(report.Warnings, w => w.ToString() == "prod/shop/web: Replicas is ignored while Autoscaling is set");
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    [Fact]
    public void Schema_rules_catch_what_the_model_checks_leave_to_the_api_server()
    {
        var stack = TestSupport.Stack(s =>
        {
            var c = s.Add(new Cluster("c", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }));
            var p = c.AddProject("p");
            p.AddApp("web", new AppArgs
            {
                Build = Build.Image("nginx:1"),
                HealthCheck = new HttpHealthCheck("/") { InitialDelaySeconds = 99999 },
            }).AddBuild("b1", new AppBuildArgs { ImageTag = "bad tag!" });
        });

        var errors = StackValidator.Validate(stack, TestSupport.Resolver()).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("c/p/web: App spec.healthCheck.initialDelaySeconds: Invalid value: 99999", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("c/p/web/builds/b1: AppBuild spec.imageTag: Invalid value: \"bad tag!\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_problem_is_reported_once_even_when_the_schema_also_refuses_it()
    {
        var stack = TestSupport.Stack(s =>
        {
            var c = s.Add(new Cluster("c", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }));
            c.AddProject("p").AddApp("web", new AppArgs { Build = Build.Image("nginx:1"), Port = 0 });
        });

        var errors = StackValidator.Validate(stack, TestSupport.Resolver()).Errors.ToList();

        var error = Assert.Single(errors);
        Assert.Equal("c/p/web: port must be 1–65535", error.ToString());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(4, false)]
    [InlineData(7, false)]
    public void Masters_must_be_1_3_or_5(int masters, bool valid)
    {
        var stack = TestSupport.Stack(s => s.Add(new Cluster("c", new ClusterArgs
        {
            Provider = new DigitalOceanProvider { Token = Secret.Literal("t") },
            Masters = new MasterPool { Count = masters },
        })));

        Assert.Equal(valid, StackValidator.Validate(stack, TestSupport.Resolver()).IsValid);
    }

    [Fact]
    public void Node_sources_are_checked()
    {
        var stack = TestSupport.Stack(s =>
        {
            s.Add(new Cluster("nosource", new ClusterArgs()));
            s.Add(new Cluster("hz", new ClusterArgs { Provider = new HetznerProvider() }));
            var ssh = new SshMachines { Masters = { new SshHost("10.0.0.1"), new SshHost("10.0.0.2") }, Workers = { new SshHost("10.0.0.1") { Port = 0 } } };
            s.Add(new Cluster("ssh", new ClusterArgs { Provider = ssh, NodePools = { new NodePool("extra") } }));
            s.Add(new Cluster("ext", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none"), Masters = new MasterPool { Count = 3 }, NodePools = { new NodePool("x") } }));
            s.Add(new Cluster("Bad_Name", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }));
        });

        var lines = StackValidator.Validate(stack, TestSupport.Resolver()).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(lines, l => l.StartsWith("nosource: a node source is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("hz: HetznerProvider.Token is required, e.g. Token = Secret.FromEnvironment(\"HCLOUD_TOKEN\")", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ssh: SshMachines.Masters must list 1, 3 or 5 hosts (got 2)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ssh: NodePools are for cloud providers", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ssh/hosts/10.0.0.1: port must be 1–65535 (got 0)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ext: NodePools cannot be used with an existing cluster", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ext: Masters cannot be set for an existing cluster", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Bad_Name: cluster name 'Bad_Name' must be a DNS label", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kubeconfig_context_that_does_not_exist_is_named()
    {
        var dir = TestSupport.TempDirectory();
        var path = Path.Combine(dir, "config");
        File.WriteAllText(path, "apiVersion: v1\nkind: Config\ncontexts:\n  - name: staging\n    context: { cluster: s, user: u }\n");
        var stack = TestSupport.Stack(s => s.Add(new Cluster("c", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig(path, "prod") })));

        var report = StackValidator.Validate(stack, TestSupport.Resolver());

        Assert.Contains(report.Errors, e => e.ToString() == $"c: context 'prod' is not in {path} (it has: staging)");
        Assert.Empty(report.MissingCredentials);
    }

    [Fact]
    public void Teams_cover_projects_of_their_own_cluster_only()
    {
        var stack = TestSupport.Stack(s =>
        {
            var a = s.Add(new Cluster("a", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }));
            var b = s.Add(new Cluster("b", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none") }));
            var foreign = b.AddProject("shop");
            a.AddTeam("devs", new TeamArgs { Members = { TeamMember.User("alice") }, Projects = { { foreign, ProjectRole.Admin } } });
        });

        Assert.Contains(StackValidator.Validate(stack, TestSupport.Resolver()).Errors,
            e => e.ToString() == "a/teams/devs: project 'b/shop' is in another cluster; a team covers projects of its own cluster");
    }
}

using System.Text.Json.Nodes;
using Pulumi;
using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Planning;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi.Tests;

public sealed class WorkloadTests
{
    private const string SessionSecret = "SESSION-SECRET-VALUE-42";
    private const string BaseDomain = "apps.example.com";

    private static readonly Dictionary<string, string> Types = new()
    {
        [Project.TypeToken] = "prod/shop",
        [Service.TypeToken] = "prod/shop/db",
        [App.TypeToken] = "prod/shop/web",
        [Team.TypeToken] = "prod/teams/developers",
    };

    [Fact]
    public void Custom_resources_equal_what_the_core_renders_and_sit_under_their_components()
    {
        var h = Declare(out _, out var app);
        var plan = Planner.Create(CoreModel());

        var crs = plan.Objects.Where(o => o.ResourcePath is not null && !o.IsSecret).ToList();
        Assert.Equal(5, crs.Count); // Project, Service, App, AppBuild, Team
        foreach (var cr in crs)
        {
            var recorded = h.Single($"kubernetes:{cr.ApiVersion}:{cr.Kind}", cr.Namespace is null ? $"prod-{cr.Name}" : $"prod-{cr.Namespace}-{cr.Name}");
            var inputs = Harness.Inputs(recorded);
            Assert.True(JsonNode.DeepEquals(cr.Manifest, inputs), $"{cr.Key}:\ncore:   {cr.Manifest.ToJsonString()}\npulumi: {inputs.ToJsonString()}");
            var owner = h.Resources.Single(r => ReferenceEquals(r.Resource, recorded.Parent));
            Assert.StartsWith(Types[owner.Type], cr.ResourcePath!, StringComparison.Ordinal);
        }

        Assert.Equal(["https://shop.example.com"], Harness.Value(app!.Urls).ToArray());
        foreach (var type in Types.Keys)
        {
            Assert.NotNull(Assert.Single(h.OfType(type)).Outputs);
        }
    }

    [Fact]
    public void The_apps_secret_variables_become_a_secret_and_are_never_plain()
    {
        var h = Declare(out _, out _);
        var core = Planner.Create(CoreModel()).Objects.Single(o => o.IsSecret && o.Name == "web-env");
        var secret = h.Single("kubernetes:core/v1:Secret", "prod-shop-web-env");
        var inputs = Harness.Inputs(secret);
        Assert.Equal(SessionSecret, inputs["stringData"]!["SESSION_SECRET"]!.GetValue<string>());
        Assert.Equal(core.Manifest["stringData"]!.AsObject().Select(kv => kv.Key), inputs["stringData"]!.AsObject().Select(kv => kv.Key));
        Assert.True(JsonNode.DeepEquals(core.Manifest["metadata"], inputs["metadata"]));
        // The App waits for its Secret's step (same step) and for the bound service.
        var appCr = h.Single("kubernetes:apps.shapeblock.io/v1alpha1:App", "prod-shop-web");
        Assert.Contains(appCr.DependsOn, d => d.GetResourceName() == "prod-shop-db");
    }

    [Fact]
    public void No_secret_value_appears_in_a_plain_input_anywhere()
    {
        var h = Declare(out var cluster, out _);
        var secrets = new List<string> { Models.Token, Models.PrivateKey, SessionSecret, "KUBECONFIG-CLIENT-KEY-0123456789" };
        secrets.AddRange(h.Generated.Values);
        Assert.Equal(2, h.Generated.Count); // the k3s token and the registry password

        var leaves = h.Resources.SelectMany(r => Harness.Leaves(r).Select(l => (Resource: r, Leaf: l))).ToList();
        foreach (var value in secrets)
        {
            Assert.DoesNotContain(leaves, x => !x.Leaf.Secret && x.Leaf.Value.Contains(value, StringComparison.Ordinal));
            // Each secret does reach a resource (as a secret), so this test would see a leak.
            Assert.Contains(leaves, x => x.Leaf.Secret && x.Leaf.Value.Contains(value, StringComparison.Ordinal));
        }

        Assert.True(Harness.IsSecret(cluster!.Kubeconfig));
        Assert.False(Harness.IsSecret(cluster.ApiEndpoint));
    }

    [Fact]
    public void A_team_without_projects_waits_for_the_operator()
    {
        var h = new Harness().Run(() =>
        {
            var cluster = new Cluster("prod", Models.Args("hetzner", 1, BaseDomain));
            _ = new Team("ops", new TeamArgs { Cluster = cluster, Members = [Model.TeamMember.Group("ops")] });
        });
        var team = h.Single("kubernetes:apps.shapeblock.io/v1alpha1:Team", "prod-ops");
        Assert.Contains(team.DependsOn, d => d.GetResourceName() == "prod-platform-operator");
    }

    private static Harness Declare(out Cluster? cluster, out App? app)
    {
        Cluster? c = null;
        App? a = null;
        var h = new Harness().Run(() =>
        {
            c = new Cluster("prod", Models.Args("hetzner", 1, BaseDomain));
            var shop = new Project("shop", new ProjectArgs { Cluster = c, DisplayName = "Shop", Quota = new Model.ProjectQuota { Cpu = "4", Memory = "8Gi" } });
            var db = new Service("db", new ServiceArgs { Project = shop, Settings = new Model.ServiceArgs(Model.ServiceKind.Postgres) { Version = "16", Storage = "5Gi" } });
            var settings = new Model.AppArgs { Build = Model.Build.Dockerfile(), Git = new Model.GitRepository("https://github.com/example/shop.git"), Port = 3000, Replicas = 2 };
            settings.Env.Add("MODE", "production");
            settings.Domains.Add("shop.example.com");
            a = new App("web", new AppArgs
            {
                Project = shop,
                Settings = settings,
                SecretEnv = { ["SESSION_SECRET"] = Output.CreateSecret(SessionSecret) },
                Bind = { db },
                Deploy = "main",
            });
            _ = new Team("developers", new TeamArgs
            {
                Cluster = c,
                Members = [Model.TeamMember.User("alice@example.com")],
                Projects = { [shop] = Model.ProjectRole.Developer },
            });
        });
        cluster = c;
        app = a;
        return h;
    }

    /// <summary>The same declarations written directly against the SDK model.</summary>
    private static Sdk.Stack CoreModel()
    {
        var (stack, cluster) = Models.Core("hetzner", 1, BaseDomain);
        var shop = cluster.AddProject("shop", new Model.ProjectArgs { DisplayName = "Shop", Quota = new Model.ProjectQuota { Cpu = "4", Memory = "8Gi" } });
        var db = shop.AddService("db", new Model.ServiceArgs(Model.ServiceKind.Postgres) { Version = "16", Storage = "5Gi" });
        var settings = new Model.AppArgs { Build = Model.Build.Dockerfile(), Git = new Model.GitRepository("https://github.com/example/shop.git"), Port = 3000, Replicas = 2 };
        settings.Env.Add("MODE", "production");
        settings.Env.Add("SESSION_SECRET", Secret.FromEnvironment("UNUSED"));
        settings.Domains.Add("shop.example.com");
        settings.Bind.Add(db);
        shop.AddApp("web", settings).Deploy("main");
        var team = new Model.TeamArgs();
        team.Members.Add(Model.TeamMember.User("alice@example.com"));
        team.Projects.Add(shop, Model.ProjectRole.Developer);
        cluster.AddTeam("developers", team);
        return stack;
    }
}

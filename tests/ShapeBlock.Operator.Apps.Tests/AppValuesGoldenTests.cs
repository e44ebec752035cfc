using System.Text.Json;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;
using AppDomain = ShapeBlock.Api.V1Alpha1.AppDomain;

namespace ShapeBlock.Operator.Apps.Tests;

/// <summary>
/// One golden values file per feature (Golden/values-*.yaml). Regenerate after an intended change with
/// <c>UPDATE_GOLDEN=1 dotnet test tests/ShapeBlock.Operator.Apps.Tests</c> and review the diff.
/// </summary>
public sealed class AppValuesGoldenTests
{
    private static readonly ImageReference Built =
        ImageReference.ForBuild("registry.example.com:5000/team", "shop", "web", "3f78685").WithDigest(Fixtures.Digest);

    private readonly AppValuesRenderer _renderer = new();

    [Fact]
    public void BasicImageApp()
    {
        var app = Fixtures.ImageApp();

        Check("values-basic-image-app.yaml", app, BuildPlanner.ImageForImageApp(app));
    }

    [Fact]
    public void EnvAndSecretEnv() => Check("values-env-secret-env.yaml", Fixtures.App(spec =>
    {
        spec.Env = new() { ["NODE_ENV"] = "production", ["LOG_LEVEL"] = "info", ["GREETING"] = "hello: world # not a comment" };
        spec.SecretEnv = ["web-secrets", "shared-keys"];
        spec.Command = ["node"];
        spec.Args = ["server.js", "--port", "8080"];
    }));

    [Fact]
    public void BoundServices() => Check("values-bound-services.yaml", Fixtures.App(spec =>
    {
        spec.Env = new() { ["LOG_LEVEL"] = "info" };
        spec.Services = [new ServiceBinding { Name = "db", EnvPrefix = "DB" }, new ServiceBinding { Name = "cache-redis" }];
    }));

    [Fact]
    public void DomainsWithAndWithoutTls() => Check("values-domains.yaml", Fixtures.App(spec =>
    {
        spec.Port = 3000;
        spec.Domains =
        [
            new AppDomain { Host = "shop.example.com" },
            new AppDomain { Host = "internal.example.com", Tls = false },
            new AppDomain { Host = "*.preview.example.com", Tls = true },
        ];
    }));

    [Fact]
    public void Probes() => Check("values-probes.yaml", Fixtures.App(spec =>
    {
        spec.Port = 3000;
        spec.HealthCheck = new HealthCheck { Path = "/healthz", Port = 9090, InitialDelaySeconds = 5 };
    }));

    [Fact]
    public void Autoscaling() => Check("values-autoscaling.yaml", Fixtures.App(spec =>
    {
        spec.Replicas = 2;
        spec.Autoscaling = new Autoscaling { MinReplicas = 2, MaxReplicas = 5, TargetCPUUtilization = 70 };
        spec.Resources = new ResourceRequirements
        {
            Requests = new ComputeResources { Cpu = "100m", Memory = "128Mi" },
            Limits = new ComputeResources { Memory = "256Mi" },
        };
    }));

    [Fact]
    public void Workers() => Check("values-workers.yaml", Fixtures.App(spec =>
    {
        spec.Env = new() { ["QUEUE"] = "default" };
        spec.SecretEnv = ["web-secrets"];
        spec.Services = [new ServiceBinding { Name = "db", EnvPrefix = "DB" }];
        spec.Domains = [new AppDomain { Host = "shop.example.com" }];
        spec.Workers =
        [
            new Worker { Name = "jobs", Command = ["node", "worker.js"], Replicas = 2 },
            new Worker { Name = "scheduler", Command = ["node", "cron.js"], Replicas = 0 },
        ];
    }));

    [Fact]
    public void Volumes() => Check("values-volumes.yaml", Fixtures.App(spec =>
    {
        spec.Volumes =
        [
            new AppVolume { Name = "uploads", MountPath = "/app/uploads", Size = "1Gi" },
            new AppVolume { Name = "cache", MountPath = "/var/cache/app", Size = "5Gi" },
        ];
    }));

    [Fact]
    public void HelmValuesOverride() => Check("values-helm-values-override.yaml", Fixtures.App(spec =>
    {
        spec.Domains = [new AppDomain { Host = "shop.example.com" }];
        spec.HelmValues = Fixtures.Json("""
            generic:
              podAnnotations:
                example.com/team: shop
            deployments:
              web:
                replicas: 3
                extraImagePullSecrets: [{name: other-creds}]
            ingresses:
              shop.example.com:
                certManager: null
                annotations:
                  nginx.ingress.kubernetes.io/proxy-body-size: 64m
            """);
    }));

    [Fact]
    public void BuildHelmValuesOverride()
    {
        var app = Fixtures.App(spec => spec.HelmValues = Fixtures.Json("""
            deployments:
              web:
                replicas: 3
            services:
              web:
                type: NodePort
            """));
        var buildValues = Fixtures.Json("""
            deployments:
              web:
                replicas: 5
                podAnnotations:
                  shapeblock.io/deployed-by: build web-42
            services:
              web: null
            """);

        Check("values-build-helm-values-override.yaml", app, Built, buildValues);
    }

    [Fact]
    public void TheDockerfileSampleManifest()
    {
        var path = Path.Combine(Path.GetDirectoryName(Golden.Directory)!, "..", "..", "examples", "manifests", "app-dockerfile.yaml");
        var app = YamlJson.Parse(File.ReadAllText(path)).Deserialize(ShapeBlockJsonContext.Default.App)!;
        app.Metadata.Uid = "0a1b2c3d-0000-4000-8000-000000000001";

        var image = ImageReference.ForBuild(app.Spec.Registry!.Url, "shop", "web", "3f78685").WithDigest(Fixtures.Digest);
        Check("values-sample-app-dockerfile.yaml", app, image);
    }

    private void Check(string file, App app, ImageReference? image = null, System.Text.Json.Nodes.JsonObject? buildValues = null)
    {
        var values = _renderer.Render(app, image ?? Built, buildValues);

        Golden.Check(file, values.Yaml);
        Assert.Equal(values.Values.ToJsonString(), YamlJson.Parse(values.Yaml)!.ToJsonString());
    }
}

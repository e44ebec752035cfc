using System.Text.Json.Nodes;
using ShapeBlock.Api.V1Alpha1;
using AppDomain = ShapeBlock.Api.V1Alpha1.AppDomain;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class AppValuesTests
{
    private static readonly ImageReference Image = ImageReference.Parse("registry.example.com/shop/web:3f78685");

    private readonly AppValuesRenderer _renderer = new();

    [Fact]
    public void ZeroReplicasSurviveTheChartsDefault()
    {
        var values = Render(Fixtures.App(spec => spec.Replicas = 0));

        // `.replicas | default 1` treats the number 0 as empty; the string "0" renders as 0.
        Assert.Equal("0", values["deployments"]!["web"]!["replicas"]!.GetValue<string>());
    }

    [Fact]
    public void AutoscalingLeavesReplicasToTheHpa()
    {
        var values = Render(Fixtures.App(spec =>
        {
            spec.Replicas = 4;
            spec.Autoscaling = new Autoscaling { MaxReplicas = 3 };
        }));

        Assert.Null(values["deployments"]!["web"]!["replicas"]);
        var hpa = values["hpas"]!["web"]!;
        Assert.Equal(1, hpa["minReplicas"]!.GetValue<int>());
        Assert.Equal(3, hpa["maxReplicas"]!.GetValue<int>());
        Assert.Equal(80, hpa["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>());
    }

    [Fact]
    public void TemplateActionsInValuesAreEscapedForTheChartsTpl()
    {
        const string Lookup = """{{ (lookup "v1" "Secret" "kube-system" "k3s-serving").data }}""";
        var app = Fixtures.App(spec =>
        {
            spec.Env = new() { ["LEAK"] = Lookup };
            spec.Command = ["sh", "-c", "echo {{.Release.Name}}"];
            spec.HelmValues = new JsonObject { ["generic"] = new JsonObject { ["podAnnotations"] = new JsonObject { ["a"] = Lookup } } };
        });

        var rendered = _renderer.Render(app, Image);

        Assert.DoesNotContain("{{ (lookup", rendered.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("{{.Release", rendered.Yaml, StringComparison.Ordinal);
        var env = rendered.Values["deployments"]!["web"]!["containers"]![0]!["env"]![0]!;
        Assert.Equal("{{`{{`}} (lookup \"v1\" \"Secret\" \"kube-system\" \"k3s-serving\").data }}", env["value"]!.GetValue<string>());
        Assert.Equal("{{`{{`}} (lookup \"v1\" \"Secret\" \"kube-system\" \"k3s-serving\").data }}", rendered.Values["generic"]!["podAnnotations"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void EscapingIsUndoneByGoTemplatesRawStrings() =>
        // {{`{{`}} is a template action printing the raw string "{{": what tpl outputs is the original text.
        Assert.Equal("a{{`{{`}}b}}{{`{{`}}{", HelmTemplateEscaper.Escape("a{{b}}{{{"));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ExtraDeployIsRefusedFromEitherSource(bool fromBuild)
    {
        var manifests = Fixtures.Json("""
            extraDeploy:
              admin: {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding}
            """);
        var app = Fixtures.App(spec => spec.HelmValues = fromBuild ? null : manifests);

        var error = Assert.Throws<InvalidHelmValuesException>(() => _renderer.Render(app, Image, fromBuild ? manifests : null));

        Assert.Contains("extraDeploy", error.Message, StringComparison.Ordinal);
        Assert.Contains(fromBuild ? "AppBuild.spec.helmValues" : "App.spec.helmValues", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockedKeysAreConfigurable()
    {
        var renderer = new AppValuesRenderer(new AppRenderOptions { BlockedValueKeys = [] });
        var app = Fixtures.App(spec => spec.HelmValues = Fixtures.Json("extraDeploy: {cm: {kind: ConfigMap}}"));

        Assert.NotNull(renderer.Render(app, Image).Values["extraDeploy"]);
    }

    [Fact]
    public void ExplicitEnvWinsOverABoundServicesVariable()
    {
        var values = Render(Fixtures.App(spec =>
        {
            spec.Env = new() { ["DB_URL"] = "postgres://override" };
            spec.Services = [new ServiceBinding { Name = "db", EnvPrefix = "DB" }];
        }));

        var env = values["deployments"]!["web"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Single(env, e => e!["name"]!.GetValue<string>() == "DB_URL");
        Assert.Equal("postgres://override", env.Single(e => e!["name"]!.GetValue<string>() == "DB_URL")!["value"]!.GetValue<string>());
        Assert.Equal(6, env.Count);
    }

    [Theory]
    [InlineData("db", null, "DB")]
    [InlineData("cache-redis", null, "CACHE_REDIS")]
    [InlineData("orders.pg", null, "ORDERS_PG")]
    [InlineData("db", "MAIN_DB", "MAIN_DB")]
    public void ServiceBindingPrefixes(string name, string? prefix, string expected)
    {
        var binding = new ServiceBinding { Name = name, EnvPrefix = prefix };

        Assert.Equal(expected, ServiceBindingEnv.Prefix(binding));
        Assert.Equal(
            ["URL", "HOST", "PORT", "USERNAME", "PASSWORD", "DATABASE"],
            ServiceBindingEnv.Entries(binding).Select(e => e.Name[(expected.Length + 1)..]));
        Assert.All(ServiceBindingEnv.Entries(binding), e => Assert.Equal(name + "-connection", e.Entry["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("ghcr.io/acme/web:1.2", "ghcr.io/acme/web", "1.2", "IfNotPresent")]
    [InlineData("ghcr.io/acme/web", "ghcr.io/acme/web", "latest", "Always")]
    [InlineData("nginx:latest", "docker.io/library/nginx", "latest", "Always")]
    [InlineData("ghcr.io/acme/web:1.2@" + Fixtures.Digest, "ghcr.io/acme/web", "1.2@" + Fixtures.Digest, "IfNotPresent")]
    [InlineData("ghcr.io/acme/web@" + Fixtures.Digest, "ghcr.io/acme/web", "latest@" + Fixtures.Digest, "IfNotPresent")]
    public void ImageFieldsForTheChart(string reference, string image, string tag, string pullPolicy)
    {
        var container = Render(Fixtures.App(), ImageReference.Parse(reference))["deployments"]!["web"]!["containers"]![0]!;

        Assert.Equal(image, container["image"]!.GetValue<string>());
        Assert.Equal(tag, container["imageTag"]!.GetValue<string>());
        Assert.Equal(pullPolicy, container["imagePullPolicy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("1234e56")]
    [InlineData("0x12abc")]
    public void NumericLookingTagsStayStrings(string tag)
    {
        var rendered = _renderer.Render(Fixtures.App(), Image.WithTag(tag));

        // A plain 1234567 would reach the chart as a float and render as 1.234567e+06.
        Assert.Contains($"imageTag: \"{tag}\"", rendered.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void PullSecretIsTheAppsRegistrySecret()
    {
        var values = Render(Fixtures.App(spec => spec.Registry!.SecretName = "team-registry"));

        Assert.Equal("team-registry", values["deployments"]!["web"]!["extraImagePullSecrets"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void IngressClassAndIssuerAreConfigurable()
    {
        var renderer = new AppValuesRenderer(new AppRenderOptions { IngressClassName = "traefik", ClusterIssuer = "letsencrypt-staging" });
        var app = Fixtures.App(spec => spec.Domains = [new AppDomain { Host = "shop.example.com" }]);

        var ingress = renderer.Render(app, Image).Values["ingresses"]!["shop.example.com"]!;

        Assert.Equal("traefik", ingress["ingressClassName"]!.GetValue<string>());
        Assert.Equal("letsencrypt-staging", ingress["certManager"]!["originalIssuerName"]!.GetValue<string>());
    }

    [Fact]
    public void WildcardHostsAreQuotedForTheChartsUnquotedTemplate()
    {
        var values = Render(Fixtures.App(spec => spec.Domains = [new AppDomain { Host = "*.preview.example.com" }, new AppDomain { Host = "shop.example.com" }]));

        var wildcard = values["ingresses"]!["*.preview.example.com"]!;
        Assert.Equal("\"*.preview.example.com\"", wildcard["hosts"]![0]!["hostname"]!.GetValue<string>());
        Assert.Equal("wildcard.preview.example.com", wildcard["name"]!.GetValue<string>());
        Assert.Null(values["ingresses"]!["shop.example.com"]!["hosts"]![0]!["hostname"]);
    }

    [Fact]
    public void KeyOrderOfHelmValuesDoesNotChangeTheRender()
    {
        var a = _renderer.Render(Fixtures.App(spec => spec.HelmValues = Fixtures.Json("{generic: {podAnnotations: {x: 1, y: 2}}, services: {web: {type: NodePort}}}")), Image);
        var b = _renderer.Render(Fixtures.App(spec => spec.HelmValues = Fixtures.Json("{services: {web: {type: NodePort}}, generic: {podAnnotations: {y: 2, x: 1}}}")), Image);

        Assert.Equal(a.Yaml, b.Yaml);
    }

    [Fact]
    public void WorkersGetNoPortsProbesServiceOrIngress()
    {
        var values = Render(Fixtures.App(spec =>
        {
            spec.HealthCheck = new HealthCheck { Path = "/healthz" };
            spec.Domains = [new AppDomain { Host = "shop.example.com" }];
            spec.Workers = [new Worker { Name = "jobs", Command = ["node", "worker.js"] }];
        }));

        var worker = values["deployments"]!["web-jobs"]!;
        var container = worker["containers"]![0]!.AsObject();
        Assert.False(container.ContainsKey("ports"));
        Assert.False(container.ContainsKey("readinessProbe"));
        Assert.Equal("worker-jobs", worker["extraSelectorLabels"]!["shapeblock.io/process"]!.GetValue<string>());
        Assert.Equal(["web"], values["services"]!.AsObject().Select(p => p.Key));
        Assert.Equal("web", values["ingresses"]!["shop.example.com"]!["hosts"]![0]!["paths"]![0]!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public void AnAppWithoutNamespaceIsRefused()
    {
        var app = Fixtures.App();
        app.Metadata.NamespaceProperty = null;

        Assert.Throws<InvalidOperationException>(() => _renderer.Render(app, Image));
    }

    private JsonObject Render(App app, ImageReference? image = null) => _renderer.Render(app, image ?? Image).Values;
}

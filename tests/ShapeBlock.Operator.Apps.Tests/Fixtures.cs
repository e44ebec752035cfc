using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps.Tests;

/// <summary>Apps, builds and helpers shared by the tests.</summary>
internal static class Fixtures
{
    public const string Sha = "3f786850e387550fdab836ed7e6dc881de23001b";
    public const string Digest = "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    public static App App(Action<AppSpec>? configure = null, string name = "web", string ns = "shop")
    {
        var app = new App
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "0a1b2c3d-0000-4000-8000-000000000001" },
            Spec = new AppSpec
            {
                DisplayName = "Shop web",
                Git = new GitSource { Url = "https://github.com/acme/shop.git", Branch = "main" },
                Registry = new RegistryRef { Url = "registry.example.com:5000/team" },
                Build = new BuildSpec { Type = BuildType.Dockerfile },
            },
        };
        configure?.Invoke(app.Spec);
        return app;
    }

    public static App ImageApp(Action<AppSpec>? configure = null) => App(spec =>
    {
        spec.Git = null;
        spec.Registry = null;
        spec.Build = new BuildSpec { Type = BuildType.Image, Image = "ghcr.io/acme/web:1.2.0" };
        configure?.Invoke(spec);
    });

    public static AppBuild Build(Action<AppBuildSpec>? configure = null, string name = "web-42", string app = "web", string ns = "shop")
    {
        var build = new AppBuild
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "0a1b2c3d-0000-4000-8000-000000000042" },
            Spec = new AppBuildSpec { AppName = app },
        };
        configure?.Invoke(build.Spec);
        return build;
    }

    public static JsonObject Json(string yaml) => (JsonObject)YamlJson.Parse(yaml)!;

    /// <summary>A Kubernetes model object as YAML (for golden files and readable assertions).</summary>
    public static string Yaml<T>(T value) => YamlJson.ToYaml(JsonNode.Parse(KubernetesJson.Serialize(value)));
}

using System.Text;
using k8s.Models;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Apps.Services;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class ServiceRendererTests
{
    private static readonly ServiceCredentials Credentials = new("Pw0rdPw0rdPw0rdPw0rdPw0rdPw0rd12", "SuPw0rdSuPw0rdSuPw0rdSuPw0rdSu12");

    public static TheoryData<string> CatalogTypes => ["postgres", "mysql", "redis", "mongodb"];

    [Theory]
    [MemberData(nameof(CatalogTypes))]
    public void Catalog_values_connection_secret_and_chart_match_the_golden_file(string type)
    {
        var service = Service("db", new ServiceSpec { Type = Enum.Parse<ServiceType>(type, ignoreCase: true), Storage = "5Gi" });

        var render = new ServiceRenderer().Render(service, Credentials);

        var text = new StringBuilder();
        text.Append("# HelmChart\n").Append(YamlJson.ToYaml(render.HelmChart));
        text.Append("# values\n").Append(render.HelmChart["spec"]!["valuesContent"]!.GetValue<string>());
        text.Append("# connection Secret ").Append(render.Connection!.Metadata.Name).Append('\n');
        foreach (var (key, value) in render.Connection.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(": ").Append(Encoding.UTF8.GetString(value)).Append('\n');
        }

        if (render.Auxiliary is { } auxiliary)
        {
            text.Append("# auxiliary Secret ").Append(auxiliary.Metadata.Name).Append('\n');
            foreach (var (key, value) in auxiliary.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append(": ").Append(Encoding.UTF8.GetString(value).TrimEnd('\n')).Append('\n');
            }
        }

        text.Append("# url ").Append(render.Url).Append('\n');
        Golden.Check($"service-{type}.yaml", text.ToString());
    }

    [Theory]
    [MemberData(nameof(CatalogTypes))]
    public void No_password_is_written_into_the_helm_values(string type)
    {
        var render = new ServiceRenderer().Render(Service("db", new ServiceSpec { Type = Enum.Parse<ServiceType>(type, ignoreCase: true) }), Credentials);

        Assert.DoesNotContain(Credentials.Password, render.HelmChart.ToJsonString());
        Assert.DoesNotContain(Credentials.SuperuserPassword, render.HelmChart.ToJsonString());
        Assert.Contains(Credentials.Password, Encoding.UTF8.GetString(render.Connection!.Data["URL"]));
        Assert.Null(render.Connection.Metadata.OwnerReferences); // outlives the Service when volumes are retained
        Assert.Equal("abort", render.HelmChart["spec"]!["failurePolicy"]!.GetValue<string>());
        Assert.Equal(ServiceCatalog.Repo, render.HelmChart["spec"]!["repo"]!.GetValue<string>());
    }

    [Fact]
    public void Version_storage_resources_and_helm_values_reach_the_chart_user_wins()
    {
        var service = Service("cache", new ServiceSpec
        {
            Type = ServiceType.Redis,
            Version = "8.2",
            Storage = "2Gi",
            Resources = new ResourceRequirements { Limits = new ComputeResources { Memory = "64Mi" } },
            HelmValues = new() { ["image"] = new System.Text.Json.Nodes.JsonObject { ["registry"] = "mirror.example.com" } },
        });

        var values = new ServiceRenderer().Render(service, Credentials).HelmChart["spec"]!["valuesContent"]!.GetValue<string>();

        Assert.Contains("tag: \"8.2\"", values);
        Assert.Contains("registry: mirror.example.com", values);
        Assert.Contains("requestedSize: 2Gi", values);
        Assert.Contains("memory: 64Mi", values);
        Assert.DoesNotContain("cpu: 25m", values);
    }

    [Fact]
    public void A_custom_chart_is_deployed_as_given_without_a_connection_secret()
    {
        var service = Service("search", new ServiceSpec
        {
            Type = ServiceType.Custom,
            Chart = new Api.V1Alpha1.ChartReference { Name = "meilisearch", Version = "0.12.0", RepoUrl = "https://meilisearch.github.io/meilisearch-kubernetes" },
            HelmValues = new() { ["persistence"] = new System.Text.Json.Nodes.JsonObject { ["enabled"] = true } },
        });

        var render = new ServiceRenderer().Render(service, Credentials);

        Assert.Null(render.Connection);
        Assert.Null(render.Url);
        Assert.Equal("meilisearch", render.HelmChart["spec"]!["chart"]!.GetValue<string>());
        Assert.Equal("0.12.0", render.HelmChart["spec"]!["version"]!.GetValue<string>());
        Assert.Contains("enabled: true", render.HelmChart["spec"]!["valuesContent"]!.GetValue<string>());
    }

    [Fact]
    public void Helm_values_may_not_apply_arbitrary_manifests()
    {
        var service = Service("db", new ServiceSpec { Type = ServiceType.Postgres, HelmValues = new() { ["extraDeploy"] = new System.Text.Json.Nodes.JsonArray() } });
        Assert.Throws<InvalidHelmValuesException>(() => new ServiceRenderer().Render(service, Credentials));
    }

    [Fact]
    public void Generated_credentials_are_random_long_and_url_safe_and_read_back_from_the_secret()
    {
        var a = ServiceCredentials.Generate();
        var b = ServiceCredentials.Generate();
        Assert.NotEqual(a.Password, b.Password);
        Assert.Equal(32, a.Password.Length);
        Assert.Matches("^[A-Za-z0-9]{32}$", a.SuperuserPassword);
        Assert.DoesNotContain(a.Password, a.ToString());

        var secret = new ServiceRenderer().Render(Service("db", new ServiceSpec { Type = ServiceType.Mysql }), a).Connection;
        Assert.Equal(a, ServiceRenderer.CredentialsOf(secret));
        Assert.Null(ServiceRenderer.CredentialsOf(new V1Secret { Data = new Dictionary<string, byte[]>() }));
    }

    private static Service Service(string name, ServiceSpec spec) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Uid = "6b1f3c2e-0000-4000-8000-00000000d00b" },
        Spec = spec,
    };
}

using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;
using AppDomain = ShapeBlock.Api.V1Alpha1.AppDomain;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class HelmChartRendererTests
{
    private static readonly ImageReference Image = ImageReference.Parse("registry.example.com:5000/team/shop/web:3f78685@" + Fixtures.Digest);

    [Fact]
    public void RendersTheHelmChart()
    {
        var app = Fixtures.App(spec => spec.Domains = [new AppDomain { Host = "shop.example.com" }]);

        var chart = Render(app);

        Golden.Check("helmchart-web.yaml", YamlJson.ToYaml(chart));
        Assert.Equal("helm.cattle.io/v1", chart["apiVersion"]!.GetValue<string>());
        Assert.Equal("HelmChart", chart["kind"]!.GetValue<string>());
        Assert.Equal("web", chart["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("shop", chart["metadata"]!["namespace"]!.GetValue<string>());
        var spec = chart["spec"]!;
        Assert.Equal("nxs-universal-chart", spec["chart"]!.GetValue<string>());
        Assert.Equal("https://registry.nixys.io/chartrepo/public", spec["repo"]!.GetValue<string>());
        Assert.Equal(NxsUniversalChart.Version, spec["version"]!.GetValue<string>());
        Assert.Equal("shop", spec["targetNamespace"]!.GetValue<string>());
        Assert.Equal("abort", spec["failurePolicy"]!.GetValue<string>());
        Assert.Equal(2, spec["backOffLimit"]!.GetValue<int>());
        var owner = chart["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("apps.shapeblock.io/v1alpha1", owner["apiVersion"]!.GetValue<string>());
        Assert.Equal("App", owner["kind"]!.GetValue<string>());
        Assert.Equal(app.Metadata.Uid, owner["uid"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        Assert.Equal("shapeblock-operator", chart["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.Equal(new AppValuesRenderer().Render(app, Image).Yaml, spec["valuesContent"]!.GetValue<string>());
    }

    [Fact]
    public void AnUnchangedRenderIsUpToDate()
    {
        var existing = Render(Fixtures.App());
        var desired = Render(Fixtures.App());

        Assert.Matches("^[0-9a-f]{64}$", HelmChartRenderer.HashOf(desired));
        Assert.True(HelmChartRenderer.IsUpToDate(desired, existing));
        Assert.False(HelmChartRenderer.IsUpToDate(desired, null));
    }

    [Theory]
    [InlineData("spec")]
    [InlineData("image")]
    [InlineData("chart")]
    [InlineData("owner")]
    public void AnyChangeChangesTheHash(string change)
    {
        var baseline = Render(Fixtures.App());
        var app = Fixtures.App(spec =>
        {
            if (change == "spec")
            {
                spec.Env = new() { ["A"] = "1" };
            }
        });
        if (change == "owner")
        {
            app.Metadata.Uid = "0a1b2c3d-0000-4000-8000-000000000099";
        }

        var image = change == "image" ? Image.WithTag("other") : Image;
        var options = change == "chart" ? new AppRenderOptions { Chart = NxsUniversalChart.Reference with { Version = "2.8.2" } } : new AppRenderOptions();
        var changed = new HelmChartRenderer(options).Render(app, new AppValuesRenderer(options).Render(app, image));

        Assert.False(HelmChartRenderer.IsUpToDate(changed, baseline));
    }

    [Fact]
    public void ExistingObjectsWithoutTheAnnotationAreRewritten()
    {
        var existing = Render(Fixtures.App());
        existing["metadata"]!["annotations"] = new JsonObject();

        Assert.False(HelmChartRenderer.IsUpToDate(Render(Fixtures.App()), existing));
    }

    [Fact]
    public void TheAppMustHaveAUid()
    {
        var app = Fixtures.App();
        app.Metadata.Uid = null;

        Assert.Throws<InvalidOperationException>(() => Render(app));
    }

    private static JsonObject Render(App app) => new HelmChartRenderer().Render(app, new AppValuesRenderer().Render(app, Image));
}

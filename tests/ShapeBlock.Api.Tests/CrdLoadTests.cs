extern alias fullclient;

using FullYaml = fullclient::k8s.KubernetesYaml;
using V1Crd = fullclient::k8s.Models.V1CustomResourceDefinition;

namespace ShapeBlock.Api.Tests;

/// <summary>The checked-in CRDs load through KubernetesClient's own YAML loader with the expected shape.</summary>
public sealed class CrdLoadTests
{
    public static TheoryData<string, string, string, string> Crds => new()
    {
        { "projects", "Project", "Cluster", "proj" },
        { "apps", "App", "Namespaced", "sbapp" },
        { "appbuilds", "AppBuild", "Namespaced", "sbbuild" },
        { "services", "Service", "Namespaced", "sbsvc" },
        { "teams", "Team", "Cluster", "sbteam" },
    };

    [Theory]
    [MemberData(nameof(Crds))]
    public void Crd_loads_with_KubernetesClient_yaml_loader(string plural, string kind, string scope, string shortName)
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryFiles.CrdDirectory, $"{plural}.apps.shapeblock.io.yaml"));

        var crd = FullYaml.Deserialize<V1Crd>(yaml);

        Assert.Equal("apiextensions.k8s.io/v1", crd.ApiVersion);
        Assert.Equal($"{plural}.apps.shapeblock.io", crd.Metadata.Name);
        Assert.Equal("apps.shapeblock.io", crd.Spec.Group);
        Assert.Equal(kind, crd.Spec.Names.Kind);
        Assert.Equal(plural, crd.Spec.Names.Plural);
        Assert.Equal(scope, crd.Spec.Scope);
        Assert.Contains(shortName, crd.Spec.Names.ShortNames);
        Assert.Contains("shapeblock", crd.Spec.Names.Categories);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.NotNull(version.Subresources.Status);
        Assert.Contains(version.AdditionalPrinterColumns, c => c.Name == "Status" && c.JsonPath == ".status.phase");
        Assert.Contains(version.AdditionalPrinterColumns, c => c.Name == "Age" && c.Type == "date");
        var schema = version.Schema.OpenAPIV3Schema;
        Assert.Equal("object", schema.Type);
        Assert.Equal("object", schema.Properties["spec"].Type);
        Assert.Equal("object", schema.Properties["status"].Type);
        Assert.Equal("array", schema.Properties["status"].Properties["conditions"].Type);
    }

    [Fact]
    public void Crds_carry_the_rules_of_the_spec()
    {
        var build = FullYaml.Deserialize<V1Crd>(File.ReadAllText(Path.Combine(RepositoryFiles.CrdDirectory, "appbuilds.apps.shapeblock.io.yaml")));
        var buildSpec = build.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];
        Assert.Contains(buildSpec.XKubernetesValidations, v => v.Rule == "self == oldSelf");
        Assert.Contains("appName", buildSpec.Required);
        Assert.Equal(1800L, Convert.ToInt64(buildSpec.Properties["timeoutSeconds"].DefaultProperty?.ToString(), System.Globalization.CultureInfo.InvariantCulture));

        var service = FullYaml.Deserialize<V1Crd>(File.ReadAllText(Path.Combine(RepositoryFiles.CrdDirectory, "services.apps.shapeblock.io.yaml")));
        var serviceSpec = service.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];
        Assert.Contains(serviceSpec.XKubernetesValidations, v => v.Rule.Contains("has(self.chart)", StringComparison.Ordinal));
        Assert.Equal(["postgres", "mysql", "redis", "mongodb", "custom"], serviceSpec.Properties["type"].EnumProperty.Select(e => e.ToString()));
        Assert.True(serviceSpec.Properties["helmValues"].XKubernetesPreserveUnknownFields);

        var app = FullYaml.Deserialize<V1Crd>(File.ReadAllText(Path.Combine(RepositoryFiles.CrdDirectory, "apps.apps.shapeblock.io.yaml")));
        var appSpec = app.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];
        Assert.Equal("map", appSpec.Properties["domains"].XKubernetesListType);
        Assert.Equal(["host"], appSpec.Properties["domains"].XKubernetesListMapKeys);
        Assert.True(appSpec.Properties["resources"].Properties["limits"].Properties["memory"].XKubernetesIntOrString);
    }
}

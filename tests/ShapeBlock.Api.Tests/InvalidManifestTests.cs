using System.Text.Json.Nodes;
using ShapeBlock.Api.Validation;

namespace ShapeBlock.Api.Tests;

/// <summary>Bad input is refused with a message that names the field, as the API server would refuse it.</summary>
public sealed class InvalidManifestTests
{
    public sealed record Case(string Name, string File, Action<JsonObject> Break, string Field, FieldErrorType Type, string MessagePart)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("app without displayName", "app-image.yaml", o => Spec(o).Remove("displayName"), "spec.displayName", FieldErrorType.Required, "Required value"),
        new("app with unknown build type", "app-image.yaml", o => Spec(o)["build"]!["type"] = "docker", "spec.build.type", FieldErrorType.NotSupported, "\"dockerfile\", \"buildpack\", \"image\""),
        new("app port out of range", "app-image.yaml", o => Spec(o)["port"] = 70000, "spec.port", FieldErrorType.Invalid, "less than or equal to 65535"),
        new("app port as text", "app-image.yaml", o => Spec(o)["port"] = "http", "spec.port", FieldErrorType.TypeInvalid, "must be of type integer"),
        new("negative replicas", "app-image.yaml", o => Spec(o)["replicas"] = -1, "spec.replicas", FieldErrorType.Invalid, "greater than or equal to 0"),
        new("image app without image", "app-image.yaml", o => Spec(o)["build"]!.AsObject().Remove("image"), "spec.build.image", FieldErrorType.Invalid, "build.image is required when build.type is image"),
        new("dockerfile app without registry", "app-dockerfile.yaml", o => Spec(o).Remove("registry"), "spec.registry", FieldErrorType.Invalid, "spec.registry is required"),
        new("dockerfile app without git", "app-dockerfile.yaml", o => Spec(o).Remove("git"), "spec.git", FieldErrorType.Invalid, "spec.git is required"),
        new("bad domain host", "app-dockerfile.yaml", o => Spec(o)["domains"]![0]!["host"] = "Shop_Example", "spec.domains[0].host", FieldErrorType.Invalid, "should match"),
        new("duplicate domain", "app-dockerfile.yaml", o => Spec(o)["domains"]!.AsArray().Add(new JsonObject { ["host"] = "shop.example.com" }), "spec.domains[1]", FieldErrorType.Duplicate, "Duplicate value"),
        new("bad memory quantity", "app-dockerfile.yaml", o => Spec(o)["resources"]!["limits"]!["memory"] = "lots", "spec.resources.limits.memory", FieldErrorType.Invalid, "should match"),
        new("autoscaling min above max", "app-dockerfile.yaml", o => Spec(o)["autoscaling"]!["minReplicas"] = 9, "spec.autoscaling", FieldErrorType.Invalid, "minReplicas must not exceed"),
        new("worker without command", "app-dockerfile.yaml", o => Spec(o)["workers"]![0]!.AsObject().Remove("command"), "spec.workers[0].command", FieldErrorType.Required, "Required value"),
        new("relative volume mount path", "app-dockerfile.yaml", o => Spec(o)["volumes"]![0]!["mountPath"] = "data", "spec.volumes[0].mountPath", FieldErrorType.Invalid, "should match"),
        new("lower-case env prefix", "app-dockerfile.yaml", o => Spec(o)["services"]![0]!["envPrefix"] = "db", "spec.services[0].envPrefix", FieldErrorType.Invalid, "should match"),
        new("app name with capitals", "app-image.yaml", o => o["metadata"]!["name"] = "Web", "", FieldErrorType.Invalid, "metadata.name must start with a lower-case letter"),
        new("build var key with dash", "appbuild.yaml", o => Spec(o)["buildVars"]![0]!["key"] = "MY-VAR", "spec.buildVars[0].key", FieldErrorType.Invalid, "should match"),
        new("build without appName", "appbuild.yaml", o => Spec(o).Remove("appName"), "spec.appName", FieldErrorType.Required, "Required value"),
        new("build timeout too short", "appbuild.yaml", o => Spec(o)["timeoutSeconds"] = 5, "spec.timeoutSeconds", FieldErrorType.Invalid, "greater than or equal to 60"),
        new("service with type and chart", "service-postgres.yaml", o => Spec(o)["chart"] = new JsonObject { ["name"] = "redis" }, "spec", FieldErrorType.Invalid, "set exactly one of spec.type"),
        new("custom service without chart", "service-postgres.yaml", o => Spec(o)["type"] = "custom", "spec", FieldErrorType.Invalid, "set exactly one of spec.type"),
        new("unknown service type", "service-postgres.yaml", o => Spec(o)["type"] = "oracle", "spec.type", FieldErrorType.NotSupported, "\"postgres\""),
        new("chart repo not a URL", "service-postgres.yaml", o => { Spec(o).Remove("type"); Spec(o)["chart"] = new JsonObject { ["name"] = "x", ["repoURL"] = "charts.example.com" }; }, "spec.chart.repoURL", FieldErrorType.Invalid, "should match"),
        new("unknown deletion policy", "service-postgres.yaml", o => Spec(o)["deletionPolicy"] = "Archive", "spec.deletionPolicy", FieldErrorType.NotSupported, "\"Retain\", \"Delete\""),
        new("project name not a namespace", "project.yaml", o => o["metadata"]!["name"] = "shop.prod", "", FieldErrorType.Invalid, "metadata.name must be a valid namespace name"),
        new("project quota pods negative", "project.yaml", o => Spec(o)["quota"]!["pods"] = -3, "spec.quota.pods", FieldErrorType.Invalid, "greater than or equal to 0"),
        new("team role unknown", "team.yaml", o => Spec(o)["projects"]![0]!["role"] = "owner", "spec.projects[0].role", FieldErrorType.NotSupported, "\"admin\", \"developer\", \"viewer\""),
        new("team service account without namespace", "team.yaml", o => Spec(o)["members"]![2]!.AsObject().Remove("namespace"), "spec.members[2]", FieldErrorType.Invalid, "a ServiceAccount member needs its namespace"),
        new("team member kind unknown", "team.yaml", o => Spec(o)["members"]![0]!["kind"] = "Robot", "spec.members[0].kind", FieldErrorType.NotSupported, "\"User\", \"Group\", \"ServiceAccount\""),
        new("spec is a list", "team.yaml", o => o["spec"] = new JsonArray(), "spec", FieldErrorType.TypeInvalid, "must be of type object"),
    ];

    public static TheoryData<Case> All => new(Cases);

    [Fact]
    public void There_are_at_least_fifteen_cases() => Assert.True(Cases.Length >= 15);

    [Theory]
    [MemberData(nameof(All))]
    public void Invalid_manifest_is_rejected_naming_the_field(Case c)
    {
        var obj = Samples.Load(c.File);
        c.Break(obj);

        var result = Samples.Validate(obj);

        Assert.False(result.IsValid, $"{c.Name}: expected an error");
        var error = Assert.Single(result.Errors, e => e.Field == c.Field && e.Type == c.Type);
        Assert.Contains(c.MessagePart, error.Message, StringComparison.Ordinal);
        if (c.Field.Length > 0)
        {
            Assert.StartsWith(c.Field + ":", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var app = Samples.Load("app-dockerfile.yaml");
        Spec(app)["port"] = 0;
        Spec(app)["replicas"] = -1;
        Spec(app)["build"]!["type"] = "docker";

        var result = Samples.Validate(app);

        Assert.Equal(["spec.build.type", "spec.port", "spec.replicas"], result.Errors.Select(e => e.Field).Order());
        Assert.StartsWith("App.apps.shapeblock.io \"web\" is invalid: [", result.Summary("App", "apps.shapeblock.io", "web"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_pruned_with_a_warning_but_helm_values_are_kept()
    {
        var app = Samples.Load("app-dockerfile.yaml");
        Spec(app)["replica"] = 3;
        Spec(app)["helmValues"]!["anything"] = new JsonObject { ["goes"] = true };

        var result = Samples.Validate(app);

        Assert.True(result.IsValid);
        Assert.Equal(["unknown field \"spec.replica\""], result.Warnings);
        Assert.Null(result.Object["spec"]!["replica"]);
        Assert.True(result.Object["spec"]!["helmValues"]!["anything"]!["goes"]!.GetValue<bool>());
        Assert.Equal(3, app["spec"]!["replica"]!.GetValue<int>());
    }

    [Fact]
    public void Appbuild_spec_is_immutable_on_update_but_status_may_change()
    {
        var old = Samples.Validate(Samples.Load("appbuild.yaml")).Object;
        var changed = Samples.Load("appbuild.yaml");
        Spec(changed)["gitRef"] = "v2";

        var result = Samples.Validate(changed, old);
        var error = Assert.Single(result.Errors);
        Assert.Equal("spec", error.Field);
        Assert.Contains("spec is immutable", error.Message, StringComparison.Ordinal);

        var statusOnly = old.DeepClone();
        statusOnly["status"] = new JsonObject { ["phase"] = "Building" };
        Assert.True(Samples.Validate(statusOnly, old).IsValid);
    }

    [Fact]
    public void Defaults_are_applied()
    {
        var result = Samples.Validate(Samples.Load("service-postgres.yaml").Tap(o => Spec(o).Remove("deletionPolicy")));

        Assert.Equal("Retain", result.Object["spec"]!["deletionPolicy"]!.GetValue<string>());
    }

    private static JsonObject Spec(JsonObject o) => o["spec"]!.AsObject();
}

internal static class JsonObjectExtensions
{
    public static JsonObject Tap(this JsonObject obj, Action<JsonObject> change)
    {
        change(obj);
        return obj;
    }
}

using System.Text.Json;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Api.Tests;

public sealed class SampleManifestTests
{
    public static TheoryData<string> Files => new(Directory.GetFiles(RepositoryFiles.ManifestDirectory, "*.yaml").Select(Path.GetFileName)!);

    [Fact]
    public void There_is_a_sample_of_every_kind()
    {
        var kinds = Directory.GetFiles(RepositoryFiles.ManifestDirectory, "*.yaml")
            .Select(f => Samples.Load(Path.GetFileName(f))["kind"]!.GetValue<string>())
            .ToHashSet();
        Assert.Equal(Samples.PluralByKind.Keys.ToHashSet(), kinds);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_validates_without_errors_or_pruned_fields(string fileName)
    {
        var result = Samples.Validate(Samples.Load(fileName));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_round_trips_through_the_typed_model(string fileName)
    {
        var original = Samples.Validate(Samples.Load(fileName)).Object;
        var json = original.ToJsonString();

        var typed = Samples.Load(fileName)["kind"]!.GetValue<string>() switch
        {
            "Project" => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ShapeBlockJsonContext.Default.Project)!, ShapeBlockJsonContext.Default.Project),
            "App" => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ShapeBlockJsonContext.Default.App)!, ShapeBlockJsonContext.Default.App),
            "AppBuild" => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ShapeBlockJsonContext.Default.AppBuild)!, ShapeBlockJsonContext.Default.AppBuild),
            "Service" => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ShapeBlockJsonContext.Default.Service)!, ShapeBlockJsonContext.Default.Service),
            _ => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ShapeBlockJsonContext.Default.Team)!, ShapeBlockJsonContext.Default.Team),
        };

        var reparsed = System.Text.Json.Nodes.JsonNode.Parse(typed)!;
        var again = Samples.Validate(reparsed);
        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.Empty(again.Warnings);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original, again.Object), $"{original}\n!=\n{again.Object}");
    }

    [Fact]
    public void Typed_app_reads_enums_and_defaults()
    {
        var json = Samples.Validate(Samples.Load("app-buildpack.yaml")).Object.ToJsonString();

        var app = JsonSerializer.Deserialize(json, ShapeBlockJsonContext.Default.App)!;

        Assert.Equal(BuildType.Buildpack, app.Spec.Build.Type);
        Assert.Equal(8080, app.Spec.Port);
        Assert.Equal(1, app.Spec.Replicas);
        Assert.True(app.Spec.Git!.IsPrivate);
        Assert.True(app.Spec.Domains![0].Tls);
        Assert.Equal("Dockerfile", app.Spec.Build.Dockerfile);
    }

    [Fact]
    public void Status_serializes_with_the_contract_names_and_rfc3339_times()
    {
        var build = new AppBuild
        {
            Metadata = new() { Name = "web-1", NamespaceProperty = "shop" },
            Spec = new() { AppName = "web" },
            Status = new()
            {
                Phase = AppBuildPhase.Completed,
                CompletionTime = new DateTimeOffset(2026, 11, 23, 8, 0, 0, 123, TimeSpan.FromHours(2)),
                Conditions = [new() { Type = ConditionTypes.Built, Status = ConditionStatus.True, Reason = Reasons.Reconciled, Message = "built", LastTransitionTime = new DateTime(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc) }],
            },
        };

        var node = JsonSerializer.SerializeToNode(build, ShapeBlockJsonContext.Default.AppBuild)!;

        Assert.Equal("apps.shapeblock.io/v1alpha1", node["apiVersion"]!.GetValue<string>());
        Assert.Equal("AppBuild", node["kind"]!.GetValue<string>());
        Assert.Equal("Completed", node["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("2026-11-23T06:00:00Z", node["status"]!["completionTime"]!.GetValue<string>());
        Assert.Equal("2026-11-23T06:00:00Z", node["status"]!["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>());
        Assert.Null(node["status"]!["podName"]);
        Assert.True(Samples.Validate(node).IsValid, string.Join("\n", Samples.Validate(node).Errors));
    }
}

using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class BuildPlannerTests
{
    private static readonly BuildOptions Options = new();

    [Fact]
    public void AnExplicitImageTagIsUsedAtOnce()
    {
        var plan = BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(b => b.ImageTag = "v1.2.3"), Options);

        Assert.False(plan.NeedsCommit);
        Assert.Equal("main", plan.GitRef);
        Assert.Equal("registry.example.com:5000/team/shop/web:v1.2.3", plan.Destination!.ToString());
        Assert.Equal("registry.example.com:5000/team/shop/web/cache", plan.Cache.ToString());
    }

    [Fact]
    public void AFullShaRefIsItsOwnTag()
    {
        var plan = BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(b => b.GitRef = Fixtures.Sha), Options);

        Assert.False(plan.NeedsCommit);
        Assert.Equal("3f78685", plan.Tag);
        Assert.Equal(Fixtures.Sha, plan.GitRef);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("v1.0.0")]
    [InlineData("3f78685")]
    [InlineData(null)]
    public void ABranchTagOrShortShaNeedsTheResolveStep(string? gitRef)
    {
        var app = Fixtures.App(spec => spec.Git!.Branch = "develop");
        var build = Fixtures.Build(b => b.GitRef = gitRef);

        var plan = BuildPlanner.Plan(app, build, Options);

        Assert.True(plan.NeedsCommit);
        Assert.Null(plan.Destination);
        Assert.Equal(gitRef ?? "develop", plan.GitRef);
        Assert.Equal("web-42-resolve", plan.ResolveJobName);
    }

    [Fact]
    public void TheResolvedCommitIsBuiltAndTagged()
    {
        var plan = BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(b => b.GitRef = "main"), Options, resolvedCommit: Fixtures.Sha);

        Assert.False(plan.NeedsCommit);
        // The build clones the commit itself: the branch may have moved since the resolve step.
        Assert.Equal(Fixtures.Sha, plan.GitRef);
        Assert.Equal("registry.example.com:5000/team/shop/web:3f78685", plan.Destination!.ToString());
    }

    [Fact]
    public void AResolvedCommitThatIsNotAShaIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(), Options, resolvedCommit: "$(reboot)"));

    [Fact]
    public void BuildVariablesOfTheBuildWinInPlace()
    {
        var app = Fixtures.App(spec => spec.Build.BuildVars = [new BuildVar { Key = "A", Value = "app" }, new BuildVar { Key = "B", Value = "app" }]);
        var build = Fixtures.Build(b => b.BuildVars = [new BuildVar { Key = "C", Value = "build" }, new BuildVar { Key = "A", Value = "build" }]);

        var plan = BuildPlanner.Plan(app, build, Options);

        Assert.Equal(["A=build", "B=app", "C=build"], plan.BuildVars.Select(v => $"{v.Key}={v.Value}"));
    }

    [Theory]
    [InlineData(null, "Dockerfile", "", "Dockerfile")]
    [InlineData("web/", "docker/Dockerfile", "web", "docker/Dockerfile")]
    [InlineData("services//api", "Dockerfile.prod", "services/api", "Dockerfile.prod")]
    public void PathsAreNormalised(string? subPath, string dockerfile, string expectedSubPath, string expectedDockerfile)
    {
        var app = Fixtures.App(spec =>
        {
            spec.Git!.SubPath = subPath;
            spec.Build.Dockerfile = dockerfile;
        });

        var plan = BuildPlanner.Plan(app, Fixtures.Build(b => b.ImageTag = "v1"), Options);

        Assert.Equal(expectedSubPath, plan.SubPath);
        Assert.Equal(expectedDockerfile, plan.Dockerfile);
    }

    [Theory]
    [InlineData("../../etc", "Dockerfile")]
    [InlineData("web/../..", "Dockerfile")]
    [InlineData("web", "/etc/passwd")]
    [InlineData("web", "../Dockerfile")]
    public void PathsMayNotLeaveTheRepository(string subPath, string dockerfile)
    {
        var app = Fixtures.App(spec =>
        {
            spec.Git!.SubPath = subPath;
            spec.Build.Dockerfile = dockerfile;
        });

        Assert.Throws<InvalidOperationException>(() => BuildPlanner.Plan(app, Fixtures.Build(b => b.ImageTag = "v1"), Options));
    }

    [Fact]
    public void ImageAppsAreNotBuilt()
    {
        var app = Fixtures.ImageApp();

        Assert.Throws<InvalidOperationException>(() => BuildPlanner.Plan(app, Fixtures.Build(), Options));
        Assert.Equal("ghcr.io/acme/web:1.2.0", BuildPlanner.ImageForImageApp(app).ToString());
        Assert.Equal("ghcr.io/acme/web:1.3.0", BuildPlanner.ImageForImageApp(app, "1.3.0").ToString());
    }

    [Fact]
    public void ABadRegistryUrlIsAClearError()
    {
        var app = Fixtures.App(spec => spec.Registry!.Url = "registry");

        var error = Assert.Throws<InvalidOperationException>(() => BuildPlanner.Plan(app, Fixtures.Build(b => b.ImageTag = "v1"), Options));

        Assert.Contains("registry host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABuildOfAnotherAppIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(app: "api"), Options));

    [Fact]
    public void LongBuildNamesAreFittedForJobs()
    {
        var name = "web-" + new string('x', 70);

        var plan = BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(b => b.ImageTag = "v1", name: name), Options);

        Assert.True(plan.JobName.Length <= 63);
        Assert.True(plan.ResolveJobName.Length <= 63);
        Assert.EndsWith("-resolve", plan.ResolveJobName, StringComparison.Ordinal);
        Assert.NotEqual(plan.JobName, BuildPlanner.Plan(Fixtures.App(), Fixtures.Build(b => b.ImageTag = "v1", name: name + "y"), Options).JobName);
    }
}

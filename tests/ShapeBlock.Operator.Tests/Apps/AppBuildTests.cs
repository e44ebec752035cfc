using k8s;
using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Apps;

public sealed class AppBuildTests : AppOperatorTest
{
    private const string Hostile = "$(rm -rf /);\"'`id`";

    [Fact]
    public async Task A_dockerfile_build_resolves_the_branch_builds_pushes_by_digest_and_completes_when_the_release_is_ready()
    {
        await StartWithProjectAsync();
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");

        var build = await WaitForBuildAsync("web-1", "Completed");

        var expected = $"registry.example.com:5000/team/shop/web:3f78685@{Digest}";
        Assert.Equal(expected, Status(build, "image"));
        Assert.Equal(Commit, Status(build, "gitCommit"));
        Assert.Equal("3f78685", Status(build, "imageTag"));
        Assert.Equal("web-1", Status(build, "jobName"));
        Assert.NotNull(Status(build, "podName"));
        foreach (var time in new[] { "startTime", "buildStartTime", "buildEndTime", "completionTime" })
        {
            Assert.NotNull(Status(build, time));
        }

        var app = await WaitForAppAsync("web", "Ready");
        Assert.Equal(expected, Status(app, "image"));
        Assert.Equal("web-1", Status(app, "latestBuild"));
        Assert.Equal("https://shop.example.com", Status(app, "url"));

        // Exactly one build Job; the resolve Job is cleaned up once the build succeeded.
        var job = Assert.Single(BuildJobs());
        Assert.Equal("web-1", job["metadata"]!["name"]!.GetValue<string>());
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Contains("--destination=registry.example.com:5000/team/shop/web:3f78685", container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(1800, job["spec"]!["activeDeadlineSeconds"]!.GetValue<int>());

        foreach (var reason in new[] { "Building", "Deploying", "Completed" })
        {
            await Server.WaitForAnyAsync("v1", "Event", Ns, e => e["involvedObject"]?["name"]?.GetValue<string>() == "web-1" && e["reason"]?.GetValue<string>() == reason, Bound);
        }
    }

    [Fact]
    public async Task Build_args_reach_kaniko_as_separate_exec_arguments_unchanged_and_never_a_shell()
    {
        await StartWithProjectAsync();
        var spec = SourceSpec("dockerfile", new JsonArray(new JsonObject { ["key"] = "EVIL", ["value"] = Hostile }));
        spec["git"]!["subPath"] = "services/web";
        spec["build"]!["dockerfile"] = "docker/Dockerfile.prod";
        CreateApp("web", spec);
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit, ["buildVars"] = new JsonArray(new JsonObject { ["key"] = "MORE", ["value"] = "a b;c" }) });
        await WaitForBuildAsync("web-1", "Completed");

        var container = Assert.Single(BuildJobs())["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var args = container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains($"--build-arg=EVIL={Hostile}", args);
        Assert.Contains("--build-arg=MORE=a b;c", args);
        Assert.Contains("--context=dir:///workspace/source/services/web", args);
        Assert.Contains(args, a => a.StartsWith("--dockerfile=", StringComparison.Ordinal) && a.EndsWith("services/web/docker/Dockerfile.prod", StringComparison.Ordinal));
        var command = container["command"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
        Assert.DoesNotContain(command.Concat(args), a => a is "sh" or "/bin/sh" or "bash" or "-c");
        // A full SHA needs no resolve step: one Job only, ever.
        Assert.Equal(1, Server.Faults.Requests.Count("create", "jobs"));
    }

    [Fact]
    public async Task Buildpack_variables_are_files_from_a_secret_with_the_value_unchanged()
    {
        await StartWithProjectAsync();
        CreateApp("web", SourceSpec("buildpack", new JsonArray(new JsonObject { ["key"] = "EVIL", ["value"] = Hostile })));
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = "v1.0.0", ["imageTag"] = "v1.0.0" });
        var build = await WaitForBuildAsync("web-1", "Completed");

        Assert.Equal($"registry.example.com:5000/team/shop/web:v1.0.0@{Digest}", Status(build, "image"));
        var secret = await Client.CoreV1.ReadNamespacedSecretAsync("web-1-buildvars", Ns);
        Assert.Equal(Hostile, Encoding.UTF8.GetString(secret.Data["EVIL"]));
        var job = Assert.Single(BuildJobs());
        Assert.DoesNotContain(Hostile, job["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public async Task A_second_build_waits_queued_and_a_third_supersedes_it()
    {
        await StartWithProjectAsync();
        var gate = new SimulationGate();
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-1"), SuccessfulBuild(gate));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });
        await WaitForBuildAsync("web-1", "Building");

        CreateBuild("web-2", "web", new JsonObject { ["gitRef"] = Commit, ["imageTag"] = "two" });
        var queued = await WaitForBuildAsync("web-2", "Queued");
        Assert.Contains("web-1", Status(queued, "message"));
        var app = await WaitForAppAsync("web", "Building");

        CreateBuild("web-3", "web", new JsonObject { ["gitRef"] = Commit, ["imageTag"] = "three" });
        var superseded = await WaitForBuildAsync("web-2", "Superseded");
        Assert.Contains("web-3", Status(superseded, "message"));
        await WaitForBuildAsync("web-3", "Queued");

        gate.Open();
        await WaitForBuildAsync("web-1", "Completed");
        var third = await WaitForBuildAsync("web-3", "Completed");
        Assert.Equal($"registry.example.com:5000/team/shop/web:three@{Digest}", Status(third, "image"));
        app = await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Status(a, "latestBuild") == "web-3" && Phase(a) == "Ready", Bound);
        Assert.Equal(Status(third, "image"), Status(app, "image"));
        Assert.Empty(BuildJobs("web-2"));
    }

    [Fact]
    public async Task Two_builds_created_at_once_build_once()
    {
        await StartOperatorAsync(AppOptions);
        CreateProject(Ns);
        await WaitForProjectAsync(Ns, "Active");
        CreateApp("web", SourceSpec());
        CreateBuild("web-a", "web", new JsonObject { ["gitRef"] = Commit });
        CreateBuild("web-b", "web", new JsonObject { ["gitRef"] = Commit, ["imageTag"] = "b" });

        await WaitForBuildAsync("web-b", "Completed");
        var a = Server.Get(ApiGroup.ApiVersion, "AppBuild", Ns, "web-a")!;
        Assert.Equal("Superseded", Phase(a));
        Assert.Empty(BuildJobs("web-a"));
        Assert.Single(BuildJobs("web-b"));
    }

    [Fact]
    public async Task A_build_of_an_already_built_commit_reuses_the_image_and_a_bare_build_redeploys_the_latest()
    {
        await StartWithProjectAsync();
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");
        var first = await WaitForBuildAsync("web-1", "Completed");

        CreateBuild("web-2", "web");
        var second = await WaitForBuildAsync("web-2", "Completed");
        Assert.Equal(Status(first, "image"), Status(second, "image"));
        await Server.WaitForAnyAsync("v1", "Event", Ns, e => e["involvedObject"]?["name"]?.GetValue<string>() == "web-2"
            && e["message"]?.GetValue<string>() == $"commit {Status(first, "gitCommit")![..7]} was built by web-1: reusing its image", Bound);
        Assert.Equal(Status(first, "gitCommit"), Status(second, "gitCommit"));
        Assert.Empty(BuildJobs("web-2"));
        Assert.Equal(3, Server.Faults.Requests.Count("create", "jobs")); // web-1's resolve and build Jobs, web-2's resolve Job

        CreateBuild("web-3", "web", new JsonObject());
        var third = await WaitForBuildAsync("web-3", "Completed");
        Assert.Equal(Status(first, "image"), Status(third, "image"));
    }

    [Fact]
    public async Task An_image_build_deploys_the_apps_image_with_the_builds_tag()
    {
        await StartWithProjectAsync();
        CreateApp("web", ImageSpec("ghcr.io/acme/web:1.2"));
        await WaitForAppAsync("web", "Ready");
        CreateBuild("web-2", "web", new JsonObject { ["imageTag"] = "1.3" });

        var build = await WaitForBuildAsync("web-2", "Completed");
        Assert.Equal("ghcr.io/acme/web:1.3", Status(build, "image"));
        var app = await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Status(a, "image") == "ghcr.io/acme/web:1.3" && Phase(a) == "Ready", Bound);
        Assert.Equal("web-2", Status(app, "latestBuild"));
        Assert.Empty(BuildJobs());
    }

    [Fact]
    public async Task An_image_app_created_with_its_first_build_installs_the_builds_image_only()
    {
        await StartWithProjectAsync();
        Server.Faults.Requests.Reset();
        // Created together, but the two informers may deliver them in either order: the App's events come late here,
        // so its first reconcile surely finds the build in the cache (the case the App must wait for).
        Server.Faults.DelayWatchEvents(TimeSpan.FromMilliseconds(300), "apps");
        CreateApp("web", ImageSpec("ghcr.io/acme/web:1.2"));
        CreateBuild("web-1", "web", new JsonObject { ["imageTag"] = "1.3" });

        await WaitForBuildAsync("web-1", "Completed");
        Server.Faults.Reset();
        var app = await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Phase(a) == "Ready", Bound);
        Assert.Equal("ghcr.io/acme/web:1.3", Status(app, "image"));
        // One install of the build's image: build.image was never released and then upgraded.
        Assert.Equal(1, Server.Faults.Requests.Count("create", "helmcharts"));
        Assert.Equal(0, Server.Faults.Requests.Count("patch", "helmcharts"));
        Assert.Equal(0, Server.Faults.Requests.Count("update", "helmcharts"));
        Assert.DoesNotContain("web:1.2", Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web")!["spec"]!["valuesContent"]!.GetValue<string>());
    }
}

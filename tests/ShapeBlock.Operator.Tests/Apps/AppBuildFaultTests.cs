using System.Text.Json.Nodes;
using k8s;
using ShapeBlock.Api;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Apps;

public sealed class AppBuildFaultTests : AppOperatorTest
{
    public static TheoryData<string, string, string[], string, string> Failures => new()
    {
        { "resolve", "git-clone", ["Cloning into '/workspace/source'...", "remote: Invalid username or password.", "fatal: Authentication failed for 'https://github.com/acme/shop.git/'"], Reasons.GitAuthFailed, "Authentication failed" },
        { "resolve", "git-clone", ["Cloning into '/workspace/source'...", "warning: Could not find remote branch main to clone.", "fatal: Remote branch main not found in upstream origin"], Reasons.GitRefNotFound, "main" },
        { "resolve", "git-clone", ["Cloning into '/workspace/source'...", "fatal: unable to access 'https://github.com/acme/shop.git/': Could not resolve host: github.com"], Reasons.GitUnreachable, "Could not resolve host" },
        { "build", "build", ["INFO[0000] Retrieving image manifest node:22-alpine", "error checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for \"registry.example.com:5000/team/shop/web:3f78685\": POST https://registry.example.com:5000/v2/team/shop/web/blobs/uploads/: UNAUTHORIZED: authentication required"], Reasons.RegistryAuthFailed, "push permissions" },
        { "build", "build", ["STEP 4/6: RUN npm ci", "npm ERR! code ENOENT", "error building image: error building stage: failed to execute command: waiting for process to exit: exit status 254"], Reasons.BuildFailed, "exit status 254" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_step_fails_the_build_with_its_class_a_human_message_and_the_log_tail(string step, string container, string[] log, string reason, string inMessage)
    {
        await StartWithProjectAsync();
        var failing = new ContainerOutcome { ExitCode = container == "git-clone" ? 128 : 1, Logs = log };
        Server.Simulators.Jobs.Script(
            j => IsBuildJob(j) && j["metadata"]!["labels"]!["shapeblock.io/build-step"]!.GetValue<string>() == step,
            SuccessfulBuild().WithContainer(container, failing));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");

        var build = await WaitForBuildAsync("web-1", "Failed");

        Assert.Equal(reason, Status(build, "reason"));
        Assert.Contains(inMessage, Status(build, "message"));
        Assert.Contains(log[^1][..30], Status(build, "logTail"));
        await Server.WaitForAnyAsync("v1", "Event", Ns, e => e["involvedObject"]?["name"]?.GetValue<string>() == "web-1" && e["type"]?.GetValue<string>() == "Warning" && e["reason"]?.GetValue<string>() == reason, Bound);
        var app = await WaitForAppAsync("web", "Failed");
        Assert.Contains("web-1", Status(app, "message"));
        // A failed build stays failed: no retry.
        Assert.Equal(step == "resolve" ? 1 : 2, Server.Faults.Requests.Count("create", "jobs"));
    }

    [Fact]
    public async Task An_unschedulable_build_fails_saying_how_much_it_asked_for_and_its_job_is_removed()
    {
        await StartWithProjectAsync();
        Server.Simulators.Jobs.Script(j => IsBuildJob(j) && j["metadata"]!["name"]!.GetValue<string>() == "web-1", JobOutcome.Unschedulable());
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit, ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["memory"] = "3Gi" } } });

        var build = await WaitForBuildAsync("web-1", "Failed");

        Assert.Equal(Reasons.Unschedulable, Status(build, "reason"));
        Assert.Contains("3Gi", Status(build, "message"));
        Assert.Contains("Insufficient memory", Status(build, "message"));
        await Server.WaitForDeletionAsync("batch/v1", "Job", Ns, "web-1", Bound);
    }

    [Fact]
    public async Task Operator_restart_during_building_adopts_the_job_and_never_creates_a_second()
    {
        var gate = new SimulationGate();
        var first = await StartOperatorAsync(AppOptions);
        CreateProject(Ns);
        await WaitForProjectAsync(Ns, "Active");
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-1"), SuccessfulBuild(gate));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");
        await Server.WaitForAsync(ApiGroup.ApiVersion, "AppBuild", Ns, "web-1", b => Phase(b) == "Building" && Status(b, "jobName") == "web-1", Bound);

        await StopOperatorAsync(first);
        await StartOperatorAsync(AppOptions);
        gate.Open();

        await WaitForBuildAsync("web-1", "Completed");
        Assert.Equal(2, Server.Faults.Requests.Count("create", "jobs")); // resolve + build, once each
        Assert.Single(BuildJobs());
    }

    [Fact]
    public async Task Operator_restart_during_deploying_completes_the_build_with_one_release()
    {
        var gate = new SimulationGate();
        var first = await StartOperatorAsync(AppOptions);
        CreateProject(Ns);
        await WaitForProjectAsync(Ns, "Active");
        Server.Simulators.Helm.Script("web", new HelmOutcome { InstallGate = gate });
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");
        await WaitForBuildAsync("web-1", "Deploying");
        await WaitForAppAsync("web", "Deploying");

        await StopOperatorAsync(first);
        await StartOperatorAsync(AppOptions);
        gate.Open();

        await WaitForBuildAsync("web-1", "Completed");
        await WaitForAppAsync("web", "Ready");
        Assert.Equal(2, Server.Faults.Requests.Count("create", "jobs"));
        Assert.Equal(1, Server.Faults.Requests.Count("create", "helmcharts"));
    }

    [Fact]
    public async Task A_build_whose_informer_lags_behind_the_job_informer_never_repeats_a_step()
    {
        await StartWithProjectAsync();
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");
        var first = await WaitForBuildAsync("web-1", "Completed");

        var gate = new SimulationGate();
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-2-resolve"), SuccessfulBuild(gate));
        CreateBuild("web-2", "web");
        await Server.WaitForAsync(ApiGroup.ApiVersion, "AppBuild", Ns, "web-2", b => Phase(b) == "Building" && Status(b, "jobName") == "web-2-resolve", Bound);

        // From here the build's own status writes reach the operator's cache after the events of its Jobs: the
        // reconcile woken by the deleted resolve Job sees the build still Building, not the Deploying it wrote.
        Server.Faults.DelayWatchEvents(TimeSpan.FromMilliseconds(400), "appbuilds");
        gate.Open();
        var second = await WaitForBuildAsync("web-2", "Completed");
        Server.Faults.Reset();

        var commit = Status(first, "gitCommit")!;
        await Server.WaitForAnyAsync("v1", "Event", Ns, e => e["involvedObject"]?["name"]?.GetValue<string>() == "web-2"
            && e["message"]?.GetValue<string>() == $"commit {commit[..7]} was built by web-1: reusing its image", Bound);
        Assert.Equal(Status(first, "image"), Status(second, "image"));
        Assert.Equal(3, Server.Faults.Requests.Count("create", "jobs")); // web-1's resolve and build Jobs, then web-2's resolve Job only
        Assert.Empty(BuildJobs("web-2"));
    }

    [Fact]
    public async Task A_watch_cut_during_a_build_does_not_lose_its_outcome()
    {
        var gate = new SimulationGate();
        await StartWithProjectAsync();
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-1"), SuccessfulBuild(gate));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });
        await WaitForBuildAsync("web-1", "Building");

        Server.Faults.CutWatches();
        Server.Faults.ForceGoneOnNextWatch("pods");
        gate.Open();

        await WaitForBuildAsync("web-1", "Completed");
        await WaitForAppAsync("web", "Ready");
    }

    [Fact]
    public async Task Deleting_the_app_during_a_build_stops_the_build_and_leaves_nothing()
    {
        var gate = new SimulationGate();
        await StartWithProjectAsync();
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-1"), SuccessfulBuild(gate));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });
        await WaitForBuildAsync("web-1", "Building");

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Ns, "apps", "web");

        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "App", Ns, "web", Bound);
        Assert.Null(Server.Get(ApiGroup.ApiVersion, "AppBuild", Ns, "web-1"));
        await Server.WaitForDeletionAsync("batch/v1", "Job", Ns, "web-1", Bound);
        Assert.Null(Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web"));
        gate.Open();
    }

    [Fact]
    public async Task A_build_waits_for_its_app_and_starts_when_the_app_appears()
    {
        await StartWithProjectAsync();
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });
        var pending = await WaitForBuildAsync("web-1", "Pending");
        await Server.WaitForAsync(ApiGroup.ApiVersion, "AppBuild", Ns, "web-1", b => Status(b, "message")?.Contains("waiting for App web") == true, Bound);
        Assert.Empty(BuildJobs());

        CreateApp("web", SourceSpec());
        await WaitForBuildAsync("web-1", "Completed");
        _ = pending;
    }
}

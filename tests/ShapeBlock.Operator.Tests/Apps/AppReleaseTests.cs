using k8s;
using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Apps;

public sealed class AppReleaseTests : AppOperatorTest
{
    [Fact]
    public async Task An_image_app_is_released_through_a_helm_chart_and_becomes_ready_with_its_url()
    {
        await StartWithProjectAsync();

        CreateApp("web", ImageSpec());
        var app = await WaitForAppAsync("web", "Ready");

        Assert.Equal("https://web.example.com", Status(app, "url"));
        Assert.Equal("ghcr.io/acme/web:1.2", Status(app, "image"));
        var conditions = app["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Deployed" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(Finalizers.App, app["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));

        var chart = Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web")!;
        Assert.Equal("abort", chart["spec"]!["failurePolicy"]!.GetValue<string>());
        Assert.Equal("2.8.3", chart["spec"]!["version"]!.GetValue<string>());
        Assert.Equal(Ns, chart["spec"]!["targetNamespace"]!.GetValue<string>());
        Assert.Contains("ghcr.io/acme/web", chart["spec"]!["valuesContent"]!.GetValue<string>());
        Assert.Equal("App", chart["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>());
        // helm-controller's finalizer survives our writes.
        Assert.Contains("wrangler.cattle.io/on-helm-chart-remove", chart["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.NotEmpty(Server.List("apps/v1", "Deployment", Ns, "app.kubernetes.io/instance=web"));

        await Server.WaitForAnyAsync("v1", "Event", Ns, e => e["involvedObject"]?["kind"]?.GetValue<string>() == "App" && e["reason"]?.GetValue<string>() == "Ready", Bound);
    }

    [Fact]
    public async Task A_spec_change_re_renders_the_release_with_the_current_image_and_an_unchanged_render_writes_nothing()
    {
        var host = await StartWithProjectAsync2();
        CreateApp("web", ImageSpec());
        await WaitForAppAsync("web", "Ready");
        var firstHash = Hash();

        await UpdateAppAsync("web", app =>
        {
            app["spec"]!["replicas"] = 2;
            app["spec"]!["env"] = new JsonObject { ["LOG_LEVEL"] = "debug" };
        });

        await Server.WaitForAsync("helm.cattle.io/v1", "HelmChart", Ns, "web", c => c["metadata"]?["annotations"]?["shapeblock.io/values-hash"]?.GetValue<string>() != firstHash, Bound);
        var ready = await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Phase(a) == "Ready" && a["status"]?["observedGeneration"]?.GetValue<long>() == a["metadata"]!["generation"]!.GetValue<long>(), Bound);
        Assert.Equal("ghcr.io/acme/web:1.2", Status(ready, "image"));
        var values = Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web")!["spec"]!["valuesContent"]!.GetValue<string>();
        Assert.Contains("LOG_LEVEL", values);
        Assert.Contains("ghcr.io/acme/web", values);
        await Server.WaitForAsync("apps/v1", "Deployment", Ns, "web-web", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 2, Bound);

        // A reconcile of the converged app writes nothing. The rollout's last events arrive on other watches in any
        // order, and a write they cause may still be under way when the measurement starts; so a label change is
        // measured up to three times and one window must hold nothing but the test's own update. A reconciler that
        // writes on every pass fails all three.
        var windows = new List<List<string>>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = host.ReconcileCount("app");
            Server.Faults.Requests.Reset();
            await UpdateAppAsync("web", app => app["metadata"]!["labels"] = new JsonObject { ["touched"] = $"{attempt}" });
            await Eventually(() => host.ReconcileCount("app") > before, "a reconcile after a label change");
            // Events are left out: they are a log, not state, and may trail the earlier Ready transition.
            var writes = Server.Faults.Requests.Recent
                .Where(r => r.Verb is "create" or "update" or "patch" or "delete" or "deletecollection" && r.Resource != "events")
                .Select(r => $"{r.Verb} {r.Resource} {r.Namespace}/{r.Name}").ToList();
            windows.Add(writes);
            if (writes.SequenceEqual([$"update apps {Ns}/web"]))
            {
                return;
            }
        }

        Assert.Fail("every label change of the converged app was followed by other writes: " + string.Join(" | ", windows.Select(w => string.Join(", ", w))));
    }

    [Fact]
    public async Task A_spec_change_seen_on_the_job_watch_before_the_chart_watch_writes_the_chart_once_and_reaches_ready()
    {
        await StartWithProjectAsync2();
        CreateApp("web", ImageSpec());
        await WaitForAppAsync("web", "Ready");

        // helm-controller starts the upgrade Job at once; the operator hears of the Job long before of its own chart
        // write. A reconcile that trusted the older chart copy wrote the chart again and marked the new Job replaced.
        Server.Faults.DelayWatchEvents(TimeSpan.FromMilliseconds(400), "helmcharts");
        Server.Faults.Requests.Reset();
        await UpdateAppAsync("web", app => app["spec"]!["replicas"] = 2);

        await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Phase(a) == "Ready" && a["status"]?["observedGeneration"]?.GetValue<long>() == 2, Bound);
        await Server.WaitForAsync("apps/v1", "Deployment", Ns, "web-web", d => d["status"]?["availableReplicas"]?.GetValue<int>() == 2, Bound);
        Assert.Single(Server.Faults.Requests.Recent, r => r.Verb == "patch" && r.Resource == "helmcharts");
    }

    [Fact]
    public async Task Deleting_an_app_removes_its_release_builds_jobs_and_secrets()
    {
        await StartWithProjectAsync();
        CreateApp("web", SourceSpec("buildpack", new JsonArray(new JsonObject { ["key"] = "NODE_ENV", ["value"] = "production" })));
        CreateBuild("web-1", "web");
        await WaitForBuildAsync("web-1", "Completed");
        Assert.NotEmpty(BuildJobs());
        Assert.NotNull(Server.Get("v1", "Secret", Ns, "web-1-buildvars"));

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Ns, "apps", "web");

        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "App", Ns, "web", Bound);
        Assert.Null(Server.Get(ApiGroup.ApiVersion, "AppBuild", Ns, "web-1"));
        Assert.Null(Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web"));
        Assert.Empty(Server.List("apps/v1", "Deployment", Ns, "app.kubernetes.io/instance=web"));
        Assert.Empty(BuildJobs());
        Assert.Null(Server.Get("v1", "Secret", Ns, "web-1-buildvars"));
        Assert.Empty(Server.List("v1", "Secret", Ns, $"{Labels.App}=web"));
    }

    [Fact]
    public async Task A_failing_helm_install_fails_the_app_and_the_build_with_the_install_jobs_log_tail()
    {
        await StartWithProjectAsync();
        Server.Simulators.Helm.Script("web", HelmOutcome.FailInstall("rendered manifests contain a resource that already exists. Unable to continue with install: Service \"web\" in namespace \"shop\" exists", "Upgrading web"));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web");

        var build = await WaitForBuildAsync("web-1", "Failed");
        Assert.Equal(Reasons.DeployFailed, Status(build, "reason"));
        Assert.Contains("already exists", Status(build, "message"));
        Assert.Contains("Error:", Status(build, "logTail"));
        Assert.Equal("helm-install-web", Status(build, "failedHelmJobName"));
        var app = await WaitForAppAsync("web", "Failed");
        Assert.Contains("already exists", Status(app, "message"));
    }

    [Fact]
    public async Task A_failed_upgrade_falls_back_to_the_previous_completed_image()
    {
        await StartWithProjectAsync();
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit, ["imageTag"] = "one" });
        var first = await WaitForBuildAsync("web-1", "Completed");
        Server.Simulators.Helm.Script(c => c["spec"]?["valuesContent"]?.GetValue<string>().Contains("two@") == true, HelmOutcome.FailInstall("UPGRADE FAILED: timed out waiting for the condition"));

        CreateBuild("web-2", "web", new JsonObject { ["gitRef"] = Commit, ["imageTag"] = "two" });

        var failed = await WaitForBuildAsync("web-2", "Failed");
        Assert.Equal(Reasons.DeployFailed, Status(failed, "reason"));
        var app = await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Phase(a) == "Ready" && Status(a, "latestBuild") == "web-1", Bound);
        Assert.Equal(Status(first, "image"), Status(app, "image"));
        Assert.Contains("one@sha256:", Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web")!["spec"]!["valuesContent"]!.GetValue<string>());
    }

    private async Task<OperatorHost> StartWithProjectAsync2()
    {
        var host = await StartOperatorAsync(AppOptions);
        CreateProject(Ns);
        await WaitForProjectAsync(Ns, "Active");
        return host;
    }

    private string? Hash() => Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "web")?["metadata"]?["annotations"]?["shapeblock.io/values-hash"]?.GetValue<string>();
}

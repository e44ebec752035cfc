using System.Text.Json.Nodes;
using k8s;
using ShapeBlock.Api;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests.Apps;

/// <summary>The chart's RBAC allows every request of a full app lifecycle: release, builds, failure, deletion.</summary>
public sealed class AppRbacTests : AppOperatorTest
{
    [Fact]
    public async Task Every_request_of_an_app_lifecycle_is_allowed_by_the_chart_rbac()
    {
        Server.Faults.Requests.Reset();
        await StartWithProjectAsync(AppOptions with { LeaderElection = true });
        CreateApp("web", SourceSpec("buildpack", new JsonArray(new JsonObject { ["key"] = "A", ["value"] = "b" })));
        CreateBuild("web-1", "web");
        await WaitForBuildAsync("web-1", "Completed");
        CreateApp("api", ImageSpec());
        await WaitForAppAsync("api", "Ready");
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-2"), SuccessfulBuild().WithContainer("build", new() { ExitCode = 1, Logs = ["error building image: exit status 1"] }));
        CreateBuild("web-2", "web", new JsonObject { ["gitRef"] = Commit, ["imageTag"] = "x" });
        await WaitForBuildAsync("web-2", "Failed");

        Server.Create(new JsonObject
        {
            ["apiVersion"] = ApiGroup.ApiVersion,
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "db", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["type"] = "redis", ["deletionPolicy"] = "Delete" },
        });
        await UpdateAppAsync("api", a => a["spec"]!["services"] = new JsonArray(new JsonObject { ["name"] = "db" }));
        await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "api", a => Phase(a) == "Ready" && a["status"]?["observedGeneration"]?.GetValue<long>() == 2, Bound);

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Ns, "apps", "web");
        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "App", Ns, "web", Bound);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Ns, "services", "db");
        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "Service", Ns, "db", Bound);

        var rules = ChartRbac.Rules();
        var denied = Server.Faults.Requests.Recent
            .Where(r => !(r.Verb == "delete" && r.Resource is "apps" or "services")) // the test's own requests
            .Where(r => !(r.Verb is "get" or "update" && r.Resource == "apps" && r.Name == "api"))
            .Where(r => !ChartRbac.Allows(rules, r))
            .Select(r => $"{r.Verb} {r.Resource}.{r.Group} {r.Namespace}").Distinct().ToList();
        Assert.Empty(denied);
    }
}

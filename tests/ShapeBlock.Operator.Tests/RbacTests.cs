using System.Text.Json.Nodes;
using ShapeBlock.Api.Charts;
using ShapeBlock.Operator.Tests.Infrastructure;
using ShapeBlock.Testing.Kubernetes.Faults;

namespace ShapeBlock.Operator.Tests;

/// <summary>The chart's RBAC allows every request the operator makes — and nothing is a wildcard.</summary>
public sealed class RbacTests : OperatorTest
{
    [Fact]
    public async Task Every_request_of_a_full_run_is_allowed_by_the_chart_rbac()
    {
        Server.Faults.Requests.Reset();
        var host = await StartOperatorAsync(DefaultOptions with { LeaderElection = true });
        await Eventually(() => host.IsLeader, "leader");
        CreateProject("shop", new JsonObject { ["quota"] = new JsonObject { ["pods"] = 5 }, ["defaults"] = new JsonObject { ["requests"] = new JsonObject { ["memory"] = "64Mi" } } });
        await WaitForProjectAsync("shop", "Active");
        Server.Create(new JsonObject
        {
            ["apiVersion"] = "apps.shapeblock.io/v1alpha1",
            ["kind"] = "Team",
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["kind"] = "User", ["name"] = "a" }), ["projects"] = new JsonArray(new JsonObject { ["name"] = "shop", ["role"] = "viewer" }) },
        });
        await Server.WaitForAsync("apps.shapeblock.io/v1alpha1", "Team", null, "web", t => t["status"]?["phase"]?.GetValue<string>() == "Active", Bound);
        await StopOperatorAsync(host);

        // Requests the test itself made are the ones before the operator started plus the Creates (in-process, not counted).
        var rules = ChartRbac.Rules();
        var denied = Server.Faults.Requests.Recent.Where(r => !ChartRbac.Allows(rules, r)).Select(r => $"{r.Verb} {r.Resource}.{r.Group} {r.Namespace}").Distinct().ToList();

        Assert.Empty(denied);
    }

    [Fact]
    public void No_rule_uses_a_wildcard()
    {
        foreach (var (_, rule) in ChartRbac.Rules())
        {
            foreach (var field in new[] { "apiGroups", "resources", "verbs" })
            {
                Assert.DoesNotContain("*", rule[field]!.AsArray().Select(v => v!.GetValue<string>()));
            }
        }
    }
}

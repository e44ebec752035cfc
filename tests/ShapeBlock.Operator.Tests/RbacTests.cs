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
        var rules = ChartRules();
        var denied = Server.Faults.Requests.Recent.Where(r => !Allowed(rules, r)).Select(r => $"{r.Verb} {r.Resource}.{r.Group} {r.Namespace}").Distinct().ToList();

        Assert.Empty(denied);
    }

    [Fact]
    public void No_rule_uses_a_wildcard()
    {
        foreach (var (_, rule) in ChartRules())
        {
            foreach (var field in new[] { "apiGroups", "resources", "verbs" })
            {
                Assert.DoesNotContain("*", rule[field]!.AsArray().Select(v => v!.GetValue<string>()));
            }
        }
    }

    private static List<(string Scope, JsonObject Rule)> ChartRules()
    {
        var chart = Path.Combine(RepositoryRoot(), "operator", "chart");
        var docs = ChartRenderer.Render(chart, "shapeblock");
        return
        [
            .. docs.Where(d => d["kind"]!.GetValue<string>() == "ClusterRole" && d["metadata"]!["name"]!.GetValue<string>() == "shapeblock-operator")
                .SelectMany(d => d["rules"]!.AsArray().Select(r => ("cluster", r!.AsObject()))),
            .. docs.Where(d => d["kind"]!.GetValue<string>() == "Role")
                .SelectMany(d => d["rules"]!.AsArray().Select(r => ("shapeblock", r!.AsObject()))),
        ];
    }

    private static bool Allowed(List<(string Scope, JsonObject Rule)> rules, RecordedRequest request) =>
        rules.Any(r =>
            (r.Scope == "cluster" || r.Scope == request.Namespace)
            && Has(r.Rule, "apiGroups", request.Group)
            && Has(r.Rule, "resources", request.Resource)
            && Has(r.Rule, "verbs", request.Verb)
            && (r.Rule["resourceNames"] is null || (request.Name is not null && Has(r.Rule, "resourceNames", request.Name))));

    private static bool Has(JsonObject rule, string field, string value) =>
        rule[field]!.AsArray().Any(v => v!.GetValue<string>() == value);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeBlock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}

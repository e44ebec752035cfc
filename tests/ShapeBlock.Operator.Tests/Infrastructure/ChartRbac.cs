using System.Text.Json.Nodes;
using ShapeBlock.Api.Charts;
using ShapeBlock.Testing.Kubernetes.Faults;

namespace ShapeBlock.Operator.Tests.Infrastructure;

/// <summary>The operator chart's RBAC rules (ClusterRole + Role in the operator namespace), and whether they allow a recorded request.</summary>
internal static class ChartRbac
{
    public static List<(string Scope, JsonObject Rule)> Rules()
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

    public static bool Allows(List<(string Scope, JsonObject Rule)> rules, RecordedRequest request) =>
        rules.Any(r =>
            (r.Scope == "cluster" || r.Scope == request.Namespace)
            && Has(r.Rule, "apiGroups", request.Group)
            && Has(r.Rule, "resources", request.Resource)
            && Has(r.Rule, "verbs", request.Verb)
            && (r.Rule["resourceNames"] is null || (request.Name is not null && Has(r.Rule, "resourceNames", request.Name))));

    private static bool Has(JsonObject rule, string field, string value) =>
        rule[field]!.AsArray().Any(v => v!.GetValue<string>() == value);

    public static string RepositoryRoot()
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

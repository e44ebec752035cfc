using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;
using Xunit.Abstractions;

namespace ShapeBlock.Sdk.Tests;

/// <summary>
/// The platform must leave room for apps on a 4 GB node: the memory requests of everything it adds
/// (read back from the rendered manifests, HelmChart values included) stay within 768 MiB.
/// </summary>
public sealed class FootprintTests(ITestOutputHelper output)
{
    private const decimal BudgetMiB = 768;
    private static readonly HashSet<string> Workloads = ["Deployment", "DaemonSet", "StatefulSet", "Job"];

    public static TheoryData<string> Stacks => new() { "quickstart", "existing-nginx", "existing-traefik" };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Platform_memory_requests_stay_within_768_MiB(string name)
    {
        var stack = name switch
        {
            "quickstart" => TestSupport.QuickStart(),
            "existing-nginx" => TestSupport.Stack(s => TestSupport.Existing(s)),
            _ => TestSupport.Stack(s => TestSupport.Existing(s, Ingress.Traefik)),
        };
        var files = PlanRenderer.Render(Planner.Create(stack));

        var (total, items) = Measure(files);

        foreach (var (what, mib) in items)
        {
            output.WriteLine($"{mib,6:0} MiB  {what}");
        }

        output.WriteLine($"{total,6:0} MiB  total ({name}), budget {BudgetMiB} MiB");
        Assert.True(total <= BudgetMiB, $"platform memory requests are {total} MiB, over the {BudgetMiB} MiB budget");
        Assert.True(total > 0);
    }

    [Fact]
    public void Every_platform_container_and_chart_declares_its_memory_request()
    {
        var docs = PlanRenderer.Render(Planner.Create(TestSupport.Stack(s => TestSupport.Existing(s))))
            .Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.EndsWith(".values.yaml", StringComparison.Ordinal))
            .SelectMany(f => YamlJson.ParseDocuments(f.Content)).ToList();

        foreach (var doc in docs.Where(d => Workloads.Contains(d["kind"]?.GetValue<string>() ?? "")))
        {
            Assert.All(Containers(doc), c => Assert.NotNull(c["resources"]?["requests"]?["memory"]));
        }

        foreach (var chart in docs.Where(d => d["kind"]?.GetValue<string>() == "HelmChart"))
        {
            Assert.NotEmpty(Requests(YamlJson.Parse(chart["spec"]!["valuesContent"]!.GetValue<string>())!, ""));
        }
    }

    /// <summary>The QuickStart number quoted in the READMEs.</summary>
    [Fact]
    public void QuickStart_footprint_is_the_documented_number()
    {
        var (total, _) = Measure(PlanRenderer.Render(Planner.Create(TestSupport.QuickStart())));

        Assert.Equal(360m, total);
    }

    internal static (decimal Total, List<(string What, decimal MiB)> Items) Measure(IReadOnlyList<RenderedFile> files)
    {
        var items = new List<(string What, decimal MiB)>();
        foreach (var doc in files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.EndsWith(".values.yaml", StringComparison.Ordinal))
                     .SelectMany(f => YamlJson.ParseDocuments(f.Content)))
        {
            var kind = doc["kind"]?.GetValue<string>() ?? "";
            var name = doc["metadata"]?["name"]?.GetValue<string>();
            if (Workloads.Contains(kind))
            {
                var replicas = kind is "Deployment" or "StatefulSet" ? doc["spec"]?["replicas"]?.GetValue<long>() ?? 1 : 1;
                foreach (var container in Containers(doc))
                {
                    var memory = container["resources"]?["requests"]?["memory"]?.GetValue<string>() ?? "0";
                    items.Add(($"{kind} {name} / {container["name"]}" + (replicas > 1 ? $" × {replicas}" : ""), Quantity.ToMebibytes(memory) * replicas));
                }
            }
            else if (kind == "HelmChart")
            {
                var values = YamlJson.Parse(doc["spec"]!["valuesContent"]!.GetValue<string>())!;
                items.AddRange(Requests(values, "").Select(r => ($"HelmChart {name}: {r.Path}", r.MiB)));
            }
        }

        return (items.Sum(i => i.MiB), items);
    }

    private static IEnumerable<JsonNode> Containers(JsonNode workload)
    {
        var pod = workload["spec"]!["template"]!["spec"]!;
        return (pod["containers"]?.AsArray() ?? []).Concat(pod["initContainers"]?.AsArray() ?? []).OfType<JsonNode>();
    }

    // Every resources.requests.memory in a chart's values, times the replica count set beside it.
    private static List<(string Path, decimal MiB)> Requests(JsonNode values, string path)
    {
        var found = new List<(string Path, decimal MiB)>();
        if (values is not JsonObject obj)
        {
            return found;
        }

        if (obj["resources"]?["requests"]?["memory"] is JsonValue memory)
        {
            var replicas = obj["replicaCount"]?.GetValue<long>() ?? obj["replicas"]?.GetValue<long>() ?? 1;
            found.Add(((path.Length == 0 ? "" : path + ".") + "resources", Quantity.ToMebibytes(memory.GetValue<string>()) * replicas));
        }

        foreach (var (key, child) in obj.Where(p => p.Key != "resources" && p.Value is not null))
        {
            found.AddRange(Requests(child!, path.Length == 0 ? key : $"{path}.{key}"));
        }

        return found;
    }
}

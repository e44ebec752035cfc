using System.Diagnostics;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Validation;
using Xunit.Abstractions;

namespace ShapeBlock.Sdk.Tests;

/// <summary>A smoke check that a large stack validates, plans and diffs quickly (the real benchmark belongs in bench/).</summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_hundred_apps_validate_plan_and_diff_in_well_under_five_seconds()
    {
        static void Define(Stack stack)
        {
            var cluster = stack.Add(new Cluster("big", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig("/none"), Addons = { BaseDomain = "apps.example.com" } }));
            for (var p = 0; p < 10; p++)
            {
                var project = cluster.AddProject($"team-{p}");
                var db = project.AddService("db", Service.Postgres());
                for (var a = 0; a < 20; a++)
                {
                    project.AddApp($"app-{a}", new AppArgs
                    {
                        Git = new($"https://github.com/acme/app-{a}.git", branch: "main"),
                        Domains = { $"app-{a}.team-{p}.apps.example.com" },
                        Env = { ["N"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        Bind = { db },
                    });
                }
            }
        }

        var stack = TestSupport.Stack(Define);
        StackValidator.Validate(stack, TestSupport.Resolver()); // warm-up (CRD generation, regexes)

        var watch = Stopwatch.StartNew();
        var report = StackValidator.Validate(stack, TestSupport.Resolver());
        var diff = Differ.Diff(Planner.Create(stack), LiveState.Empty);
        watch.Stop();

        output.WriteLine($"200 apps: validate + plan + diff in {watch.ElapsedMilliseconds} ms (warm)");
        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        Assert.Equal(200, diff.Changes.Count(c => c.Key.Contains("/App ", StringComparison.Ordinal)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.ElapsedMilliseconds} ms");
    }
}

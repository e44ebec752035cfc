using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

public sealed class FaultTests : OperatorTest
{
    [Fact]
    public async Task Converged_projects_make_no_writes_when_resynced()
    {
        var host = await StartOperatorAsync(DefaultOptions with { ResyncPeriod = TimeSpan.FromMilliseconds(500) });
        for (var i = 0; i < 20; i++)
        {
            CreateProject($"p{i}");
        }

        for (var i = 0; i < 20; i++)
        {
            await WaitForProjectAsync($"p{i}", "Active");
        }

        // Let the last events settle: every project has been reconciled once more with nothing to do.
        await Eventually(() => Reconciles(host) >= 60, "three reconciles per project");
        Server.Faults.Requests.Reset();
        var before = Reconciles(host);

        await Eventually(() => Reconciles(host) >= before + 40, "two full resyncs of 20 projects");

        Assert.Equal(0, Server.Faults.Requests.Writes());
    }

    [Fact]
    public async Task Conflicts_on_the_first_writes_are_retried_until_the_project_is_active()
    {
        await StartOperatorAsync();
        Server.Faults.ConflictOnNextWrites(6);

        CreateProject("shop");

        await WaitForProjectAsync("shop", "Active");
    }

    [Fact]
    public async Task Cut_watches_and_expired_versions_do_not_lose_changes()
    {
        var host = await StartOperatorAsync();
        CreateProject("a", new JsonObject { ["quota"] = new JsonObject { ["pods"] = 5 } });
        await WaitForProjectAsync("a", "Active");

        Server.Faults.ForceGoneOnNextWatch(times: 10);
        Server.Faults.CutWatches();
        CreateProject("b");
        var patch = new V1Patch("""{"spec":{"quota":{"pods":7}}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchClusterCustomObjectAsync(patch, ApiGroup.Name, ApiGroup.Version, "projects", "a");

        await WaitForProjectAsync("b", "Active");
        await Server.WaitForAsync("v1", "ResourceQuota", "a", "shapeblock-quota", q => q["spec"]?["hard"]?["pods"]?.GetValue<string>() == "7", Bound);
        Assert.True(host.IsReady);
    }

    [Fact]
    public async Task A_restarted_operator_converges_without_duplicates()
    {
        var first = await StartOperatorAsync();
        CreateProject("keep");
        CreateProject("drop");
        await WaitForProjectAsync("keep", "Active");
        await WaitForProjectAsync("drop", "Active");
        await StopOperatorAsync(first);

        // While no operator runs: a new project, a deleted one, a changed one.
        CreateProject("new");
        await Client.CustomObjects.DeleteClusterCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, "projects", "drop");
        var patch = new V1Patch("""{"spec":{"quota":{"pods":3}}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchClusterCustomObjectAsync(patch, ApiGroup.Name, ApiGroup.Version, "projects", "keep");

        await StartOperatorAsync();

        await WaitForProjectAsync("new", "Active");
        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "Project", null, "drop", Bound);
        await Server.WaitForAsync("v1", "ResourceQuota", "keep", "shapeblock-quota", q => q["spec"]?["hard"]?["pods"]?.GetValue<string>() == "3", Bound);
        Assert.Single(Server.List("v1", "Secret", "keep"), s => s["metadata"]!["name"]!.GetValue<string>() == "registry-creds");
        Assert.Single(Server.List("v1", "ServiceAccount", "keep"), s => s["metadata"]!["name"]!.GetValue<string>() == "shapeblock-builder");
    }

    [Fact]
    public async Task No_secret_value_reaches_the_logs()
    {
        await StartOperatorAsync();
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");

        var secretParts = new[] { RegistryAuth, "dXNlcjpyZWdpc3RyeS1wYXNzd29yZC1zM2NyM3Q", "registry-password-s3cr3t" };
        Assert.NotEmpty(Logs.Lines);
        foreach (var line in Logs.Lines)
        {
            foreach (var secret in secretParts)
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    private static long Reconciles(OperatorHost host) => host.ReconcileCount("project");
}

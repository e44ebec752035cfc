using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ShapeBlock.Api;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Apps;

/// <summary>The API server's clock is a fake one here, so the job controller's deadline can pass without waiting.</summary>
public sealed class AppBuildTimeoutTests : AppOperatorTest
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    protected override InMemoryKubernetesOptions ServerOptions => base.ServerOptions with { TimeProvider = clock };

    [Fact]
    public async Task A_build_running_past_its_timeout_fails_as_timeout()
    {
        await StartWithProjectAsync();
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-1"), SuccessfulBuild(new SimulationGate()));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit, ["timeoutSeconds"] = 120 });
        await WaitForBuildAsync("web-1", "Building");
        var job = await Server.WaitForAsync("batch/v1", "Job", Ns, "web-1", j => j["status"]?["startTime"] is not null, Bound);
        Assert.Equal(120, job["spec"]!["activeDeadlineSeconds"]!.GetValue<int>());

        // The job controller arms its deadline timer right after it records startTime: advance until the deadline has passed for it.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            clock.Advance(TimeSpan.FromSeconds(121));
            try
            {
                await Server.WaitForAsync("batch/v1", "Job", Ns, "web-1", j => j["status"]?["failed"] is not null, TimeSpan.FromSeconds(1));
                break;
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
            }
        }

        var build = await WaitForBuildAsync("web-1", "Failed");
        Assert.Equal(Reasons.Timeout, Status(build, "reason"));
        Assert.Contains("120 seconds", Status(build, "message"));
    }
}

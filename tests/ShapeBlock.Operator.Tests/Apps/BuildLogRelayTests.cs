using System.Text.Json.Nodes;
using ShapeBlock.Operator.Relay.Tests.Infrastructure;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Apps;

/// <summary>A running build's log lines reach the ShapeBlock server (a real websocket server here) while it runs, with the phases.</summary>
public sealed class BuildLogRelayTests : AppOperatorTest
{
    [Fact]
    public async Task Build_log_lines_are_relayed_while_the_build_runs()
    {
        await using var relayServer = await RelayTestServer.StartAsync();
        await StartWithProjectAsync(AppOptions with { WebSocketUrl = relayServer.Uri, ApiKey = "k" });
        var gate = new SimulationGate();
        Server.Simulators.Jobs.Script(j => IsBuildJobNamed(j, "web-1"), SuccessfulBuild(gate).WithContainer("build", new ContainerOutcome
        {
            TerminationMessage = Digest,
            Logs = ["STEP 1/3: FROM node:22-alpine", "STEP 2/3: RUN npm ci", "STEP 3/3: CMD node server.js"],
        }));
        CreateApp("web", SourceSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });

        // Lines arrive while the build is still running (the gate holds it open).
        await Eventually(() => relayServer.Recording.Logs("web-1").Contains("STEP 3/3: CMD node server.js"), "build log lines at the server");
        Assert.False(gate.IsOpen);
        Assert.Equal("Building", Phase(Server.Get("apps.shapeblock.io/v1alpha1", "AppBuild", Ns, "web-1")!));
        var lines = relayServer.Recording.Logs("web-1");
        Assert.Contains("Cloning into '/workspace/source'...", lines);
        Assert.True(lines.ToList().IndexOf("STEP 1/3: FROM node:22-alpine") < lines.ToList().IndexOf("STEP 3/3: CMD node server.js"));

        gate.Open();
        await WaitForBuildAsync("web-1", "Completed");
        await Eventually(() => relayServer.Recording.LatestStatuses().TryGetValue("AppBuild/shop/web-1", out var s) && s.Contains("Completed"), "the Completed status at the server");
        // Each line once: a container is followed by one stream only, however many pod events arrive.
        var all = relayServer.Recording.Logs("web-1");
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}

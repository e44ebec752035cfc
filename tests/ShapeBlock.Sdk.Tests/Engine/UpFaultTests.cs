using ShapeBlock.Sdk.Cli;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary>Faults during <c>up</c>: unreachable server, 409s, cut watches, Ctrl-C, failed builds, timeouts.</summary>
public sealed class UpFaultTests : IAsyncLifetime
{
    private EngineHarness harness = null!;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task An_unreachable_api_server_is_a_clear_error_and_nothing_is_reported_as_done()
    {
        // A kubeconfig that points at a port nothing listens on any more.
        var stopped = await InMemoryKubernetes.StartAsync();
        var kubeconfig = Path.Combine(harness.Directory, "stopped-kubeconfig");
        File.Copy(stopped.KubeconfigPath, kubeconfig);
        var address = stopped.BaseUri.GetLeftPart(UriPartial.Authority);
        await stopped.DisposeAsync();

        foreach (var args in new[] { new[] { "up", "--yes" }, ["up", "--yes", "--json"], ["destroy", "--yes"], ["status"] })
        {
            var run = await harness.RunAsync(s => EngineHarness.Define(s, kubeconfig, ["hello"]), default, args);

            Assert.True(run.ExitCode == ExitCodes.ApplyFailed, $"{string.Join(' ', args)}: {run.ExitCode} {run.All}");
            Assert.Contains($"cannot reach the Kubernetes API server of cluster 'ext' at {address}", run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("created", run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("Applied", run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("\"ok\":true", run.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_kubeconfig_context_that_does_not_exist_stops_up_before_any_request()
    {
        var kubeconfig = harness.KubeconfigPath;
        harness.Server.Faults.Requests.Reset();
        var run = await harness.RunAsync(s =>
        {
            EngineHarness.Define(s, kubeconfig, ["hello"]);
            var args = s.Clusters[0].Args;
            args.Provider = ShapeBlock.Sdk.Model.ExistingCluster.FromKubeconfig(kubeconfig, context: "missing-context");
        }, default, "up", "--yes");

        Assert.True(run.ExitCode == ExitCodes.ValidationFailed, run.All);
        Assert.Contains("ext: context 'missing-context' is not in", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Faults.Requests.Reads() + harness.Server.Faults.Requests.Writes());
        Assert.DoesNotContain(EngineHarness.KubeToken, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflicts_on_writes_and_cut_watches_during_up_still_converge()
    {
        harness.Server.Faults.ConflictOnNextWrites(5, null, "patch");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Operator.BuildGate = gate;

        var up = harness.RunAsync("up", "--yes");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(30));
        Assert.True(harness.Server.Faults.CutWatches() > 0);
        harness.Server.Faults.ForceGoneOnNextWatch("appbuilds");
        // up re-lists, gets 410 Gone on its next watch, re-lists again and watches; only then may the build finish.
        // (The request counter has no change signal, so this checks it in a bounded loop.)
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (harness.Server.Faults.Requests.Count("watch", "appbuilds") < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        gate.SetResult();
        var run = await up;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        var watches = harness.Server.Faults.Requests.Count("watch", "appbuilds");
        Assert.True(watches >= 3, $"the build watch was not re-opened after the cut ({watches}): {string.Join(", ", harness.Server.Faults.Requests.Snapshot())}");
        Assert.Contains(": Completed", run.Out, StringComparison.Ordinal);
        // Every applied object took one patch, plus one retry for each of the five 409s.
        var applied = System.Text.RegularExpressions.Regex.Match(run.Out, @"Applied: (\d+) created, (\d+) updated");
        Assert.Equal(int.Parse(applied.Groups[1].Value) + int.Parse(applied.Groups[2].Value) + 5, harness.Server.Faults.Requests.Count("patch"));
        harness.Server.Faults.Requests.Reset();
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
    }

    [Fact]
    public async Task Server_errors_on_reads_and_watches_are_retried()
    {
        harness.Server.Faults.FailRequests("watch", "appbuilds", times: 2, statusCode: 503);
        harness.Server.Faults.FailRequests("get", "apps", times: 2);
        harness.Server.Faults.FailRequests("list", "projects", times: 2, statusCode: 429);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Operator.BuildGate = gate;

        var up = harness.RunAsync("up", "--yes");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(30));
        gate.SetResult();
        var run = await up;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        Assert.True(harness.Server.Faults.Requests.Count("watch", "appbuilds") >= 3, string.Join(", ", harness.Server.Faults.Requests.Snapshot().Where(r => r.Key.StartsWith("watch", StringComparison.Ordinal))));
        Assert.Contains("ready at https://hello.apps.example.com", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_during_up_stops_cleanly_and_the_next_up_converges()
    {
        using var cancel = new CancellationTokenSource();
        harness.Server.Faults.AddLatency(TimeSpan.FromMilliseconds(30), "patch");
        var up = harness.RunAsync(harness.Define, cancel.Token, "up", "--yes");
        await harness.Server.WaitForAsync("apps/v1", "Deployment", "kube-system", "helm-controller", _ => true, TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var interrupted = await up;

        Assert.True(interrupted.ExitCode == ExitCodes.Interrupted, interrupted.All);
        Assert.Contains("interrupted", interrupted.Error, StringComparison.Ordinal);
        Assert.Contains("run it again", interrupted.Error, StringComparison.Ordinal);
        Assert.Null(harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "hello"));

        harness.Server.Faults.Reset();
        var again = await harness.RunAsync("up", "--yes");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.All);
        Assert.Contains("ready at https://hello.apps.example.com", again.Out, StringComparison.Ordinal);

        harness.Server.Faults.Requests.Reset();
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
    }

    [Theory]
    [InlineData("up", "--yes")]
    [InlineData("destroy", "--yes")]
    [InlineData("status")]
    [InlineData("kubeconfig")]
    public async Task A_cluster_no_connector_handles_exits_4_before_any_request(params string[] args)
    {
        harness.Server.Faults.Requests.Reset();
        var output = new StringWriter();
        var host = new ProgramHost(output, output, false, TestSupport.Resolver(new() { ["APP_TOKEN"] = EngineHarness.AppToken }, harness.Directory))
        {
            Engine = harness.Options,
            Connectors = [],
        };

        var code = await ShapeBlockProgram.RunAsync(args, harness.Define, host);

        Assert.True(code == ExitCodes.NotImplemented, output.ToString());
        Assert.Contains($"error: '{args[0]}' is not available in this build: cluster 'ext' (existing cluster", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Faults.Requests.Reads() + harness.Server.Faults.Requests.Writes());
    }

    [Fact]
    public async Task An_unexpected_exception_exits_70_naming_it_and_verbose_adds_where_it_happened()
    {
        var output = new StringWriter();
        var host = new ProgramHost(output, output, false, TestSupport.Resolver(new() { ["APP_TOKEN"] = EngineHarness.AppToken }, harness.Directory))
        {
            Engine = harness.Options,
            Connectors = [new ThrowingConnector()],
        };

        var code = await ShapeBlockProgram.RunAsync(["up", "--yes"], harness.Define, host);
        var verboseCode = await ShapeBlockProgram.RunAsync(["up", "--yes", "--verbose"], harness.Define, host);

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Equal(ExitCodes.InternalError, verboseCode);
        var text = output.ToString();
        Assert.Contains("error: internal error (InvalidCastException: a connector bug); please report it with the --verbose output", text, StringComparison.Ordinal);
        Assert.True(text.Contains("at ShapeBlock.Sdk.Tests.Engine.UpFaultTests.ThrowingConnector.ConnectAsync(", StringComparison.Ordinal), text);
        Assert.Contains("exit code 70", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_build_fails_up_with_the_build_and_its_message()
    {
        var build = ShapeBlock.Sdk.Planning.Planner.Create(TestSupport.Stack(harness.Define)).Objects.Single(o => o.Kind == "AppBuild");
        harness.Operator.FailBuild(build.Name, "error building image: unauthorized");

        var run = await harness.RunAsync("up", "--yes");

        Assert.Equal(ExitCodes.ApplyFailed, run.ExitCode);
        Assert.Contains($"AppBuild demo/{build.Name} to complete failed: phase Failed; reason BuildFailed; error building image: unauthorized", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied:", run.Out, StringComparison.Ordinal);
        // The app itself was still waited for and reported.
        Assert.Contains("ready at https://hello.apps.example.com", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_that_times_out_names_the_resource_and_what_it_waited_for()
    {
        harness.Operator.AppsNeverReady = true;
        harness.Options = harness.Options with { AppTimeout = TimeSpan.FromSeconds(1.5) };

        var run = await harness.RunAsync("up", "--yes");

        Assert.Equal(ExitCodes.ApplyFailed, run.ExitCode);
        Assert.Contains("timed out after 1.5 s waiting for App demo/hello to be Ready with a URL; last seen: phase Initializing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_wait_returns_after_applying()
    {
        harness.Operator.AppsNeverReady = true;
        harness.Options = harness.Options with { AppTimeout = TimeSpan.FromSeconds(1) };

        var run = await harness.RunAsync("up", "--yes", "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        Assert.NotNull(harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "hello"));
        Assert.DoesNotContain("waiting for the ShapeBlock operator", run.Out, StringComparison.Ordinal);
    }

    /// <summary>A connector with a bug: it supports every cluster and throws what the SDK does not expect.</summary>
    private sealed class ThrowingConnector : ShapeBlock.Sdk.Engine.IClusterConnector
    {
        public bool Supports(ShapeBlock.Sdk.Model.NodeSource source) => true;

        public Task<ShapeBlock.Sdk.Engine.ClusterConnection> ConnectAsync(ShapeBlock.Sdk.Engine.ClusterConnectRequest request, CancellationToken cancellationToken) =>
            throw new InvalidCastException("a connector bug");
    }
}

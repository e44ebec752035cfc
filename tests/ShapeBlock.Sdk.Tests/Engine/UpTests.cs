using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Cli;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary><c>up</c> against the in-memory API server with the operator stand-in: apply, idempotence, prune, outcomes.</summary>
public sealed class UpTests : IAsyncLifetime
{
    private EngineHarness harness = null!;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Up_applies_the_platform_and_the_resources_and_waits_for_them()
    {
        // The build stays Building until up is watching it, so its phase changes are seen live.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Operator.BuildGate = gate;
        harness.Operator.BuildLog = ["cloning https://github.com/acme/app.git", $"RUN echo {EngineHarness.AppToken} (a build that prints a secret)"];
        var up = harness.RunAsync("up", "--yes");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(30));
        gate.SetResult();
        var run = await up;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        var server = harness.Server;
        const string selector = "shapeblock.io/stack=dev,app.kubernetes.io/managed-by=shapeblock";
        Assert.NotNull(server.Get("v1", "Namespace", null, "shapeblock"));
        Assert.Equal(["cert-manager", "ingress-nginx", "registry"], server.List("helm.cattle.io/v1", "HelmChart", "kube-system", selector).Select(Name).Order());
        Assert.NotNull(server.Get("apps/v1", "Deployment", "kube-system", "helm-controller"));
        Assert.NotNull(server.Get("apps/v1", "Deployment", "shapeblock", "shapeblock-operator"));
        Assert.NotNull(server.Get("cert-manager.io/v1", "ClusterIssuer", null, "letsencrypt"));
        Assert.NotNull(server.Get("apps.shapeblock.io/v1alpha1", "Project", null, "demo"));
        Assert.NotNull(server.Get("apps.shapeblock.io/v1alpha1", "Service", "demo", "cache"));
        Assert.NotNull(server.Get("apps.shapeblock.io/v1alpha1", "Team", null, "devs"));
        Assert.Equal("Completed", server.List("apps.shapeblock.io/v1alpha1", "AppBuild", "demo").Single()["status"]!["phase"]!.GetValue<string>());

        // Every object the stack wrote is server-side applied by field manager shapeblock (no other write path).
        var written = new[] { ("v1", "Namespace"), ("v1", "Secret"), ("helm.cattle.io/v1", "HelmChart"), ("apps/v1", "Deployment"), ("apps.shapeblock.io/v1alpha1", "Project"), ("apps.shapeblock.io/v1alpha1", "App"), ("apps.shapeblock.io/v1alpha1", "AppBuild"), ("apps.shapeblock.io/v1alpha1", "Team") }
            .SelectMany(k => server.List(k.Item1, k.Item2, null, selector)).ToList();
        Assert.True(written.Count >= 10, $"{written.Count} objects");
        Assert.All(written, o => Assert.Contains(o["metadata"]!["managedFields"]!.AsArray(),
            m => m!["manager"]!.GetValue<string>() == "shapeblock" && m["operation"]!.GetValue<string>() == "Apply"));
        Assert.Equal(0, server.Faults.Requests.Count("create") + server.Faults.Requests.Count("update"));

        // Secrets hold the resolved values (base64 in data), never the mask.
        var env = server.Get("v1", "Secret", "demo", "hello-env")!;
        Assert.Equal(EngineHarness.AppToken, Decode(env, "TOKEN"));
        var creds = server.Get("v1", "Secret", "shapeblock", "registry-creds")!;
        var password = JsonNode.Parse(Decode(creds, ".dockerconfigjson"))!["auths"]!["registry.apps.example.com"]!["password"]!.GetValue<string>();
        Assert.Equal(32, password.Length);
        var htpasswd = Decode(server.Get("v1", "Secret", "shapeblock", "registry-auth")!, "htpasswd");
        Assert.True(ShapeBlock.Sdk.Platform.Htpasswd.Verify(htpasswd, "shapeblock", password));

        // Outcomes were awaited and reported.
        Assert.Contains("operator available", run.Out, StringComparison.Ordinal);
        Assert.Contains("project demo active", run.Out, StringComparison.Ordinal);
        Assert.Contains("build demo/", run.Out, StringComparison.Ordinal);
        Assert.Contains(": Building", run.Out, StringComparison.Ordinal);
        Assert.Contains(": Deploying", run.Out, StringComparison.Ordinal);
        Assert.Contains(": Completed", run.Out, StringComparison.Ordinal);
        // The build's log was streamed live, with the secret value the build printed masked.
        var build = server.List("apps.shapeblock.io/v1alpha1", "AppBuild", "demo").Single()["metadata"]!["name"]!.GetValue<string>();
        Assert.Contains($"| demo/{build}: cloning https://github.com/acme/app.git", run.Out, StringComparison.Ordinal);
        Assert.Contains($"| demo/{build}: RUN echo *** (a build that prints a secret)", run.Out, StringComparison.Ordinal);
        Assert.Contains($"| demo/{build}: pushed image", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(EngineHarness.AppToken, run.All, StringComparison.Ordinal);
        Assert.Contains("ready at https://hello.apps.example.com", run.Out, StringComparison.Ordinal);
        Assert.Contains("Applied:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_up_writes_only_ndjson_events_and_ends_with_the_result()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Operator.BuildGate = gate;
        harness.Operator.BuildLog = ["cloning", $"RUN echo {EngineHarness.AppToken}"];
        var up = harness.RunAsync("up", "--yes", "--json");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(30));
        gate.SetResult();
        var run = await up;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        Assert.Equal("", run.Error);
        // Every line is one JSON object with an event name: waits, phases and build logs included, nothing in plain text.
        var events = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var names = events.Select(e => e["event"]!.GetValue<string>()).ToList();
        Assert.Equal("start", names[0]);
        Assert.Equal("result", names[^1]);
        Assert.Equal(1, names.Count(n => n == "result"));
        Assert.Contains("created", names);
        Assert.Contains("waiting", names);
        Assert.Contains("phase", names);
        Assert.Contains(events, e => e["event"]!.GetValue<string>() == "log" && e["message"]!.GetValue<string>().Contains("RUN echo ***", StringComparison.Ordinal));
        Assert.Contains(events, e => e["event"]!.GetValue<string>() == "ready" && e["url"]?.GetValue<string>() == "https://hello.apps.example.com");
        var result = events[^1];
        Assert.True(result["ok"]!.GetValue<bool>());
        Assert.Equal(0, result["exitCode"]!.GetValue<int>());
        Assert.Equal(names.Count(n => n == "created"), result["applied"]!["created"]!.GetValue<int>());
        Assert.DoesNotContain(EngineHarness.AppToken, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_up_makes_no_mutating_request_and_keeps_the_generated_password()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);
        var creds = harness.Server.Get("v1", "Secret", "shapeblock", "registry-creds")!["data"]!.ToJsonString();
        var htpasswd = harness.Server.Get("v1", "Secret", "shapeblock", "registry-auth")!["data"]!.ToJsonString();
        harness.Server.Faults.Requests.Reset();

        var again = await harness.RunAsync("up", "--yes");
        var json = await harness.RunAsync("up", "--yes", "--json");

        Assert.True(again.ExitCode == ExitCodes.Ok, again.All);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        Assert.True(harness.Server.Faults.Requests.Reads() > 0);
        Assert.Contains("matches the cluster", again.Out, StringComparison.Ordinal);
        Assert.Contains("0 created, 0 updated", again.Out, StringComparison.Ordinal);
        var events = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var result = events[^1];
        Assert.Equal("result", result["event"]!.GetValue<string>());
        Assert.True(result["ok"]!.GetValue<bool>());
        Assert.Equal(0, result["applied"]!["created"]!.GetValue<int>() + result["applied"]!["updated"]!.GetValue<int>() + result["applied"]!["deleted"]!.GetValue<int>());
        Assert.Equal(events.Count(e => e["event"]!.GetValue<string>() == "unchanged"), result["applied"]!["unchanged"]!.GetValue<int>());
        Assert.Contains(events, e => e["event"]!.GetValue<string>() == "ready" && e["url"]?.GetValue<string>() == "https://hello.apps.example.com");
        Assert.Equal(creds, harness.Server.Get("v1", "Secret", "shapeblock", "registry-creds")!["data"]!.ToJsonString());
        Assert.Equal(htpasswd, harness.Server.Get("v1", "Secret", "shapeblock", "registry-auth")!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Changing_a_secret_value_updates_only_its_secret()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);
        harness.Server.Faults.Requests.Reset();
        var output = new StringWriter();
        var host = new ProgramHost(output, output, false, TestSupport.Resolver(new() { ["APP_TOKEN"] = "rotated-TOKEN-0042" }, harness.Directory)) { Engine = harness.Options };
        var preview = new StringWriter();
        var previewHost = host with { Out = preview, Error = preview };

        // The preview against the live cluster names the Secret as changing, and neither the old nor the new value.
        Assert.Equal(ExitCodes.Ok, await ShapeBlockProgram.RunAsync(["preview", "--verbose"], harness.Define, previewHost));
        Assert.Equal(ExitCodes.Ok, await ShapeBlockProgram.RunAsync(["preview", "--json", "--verbose"], harness.Define, previewHost));
        Assert.Equal(ExitCodes.Ok, await ShapeBlockProgram.RunAsync(["preview", "--verbose"], harness.Define, previewHost with { IsTerminal = true }));
        Assert.True(preview.ToString().Contains("~ Secret demo/hello-env", StringComparison.Ordinal), preview.ToString());
        Assert.Contains("\"action\":\"update\"", preview.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        foreach (var secret in new[] { EngineHarness.AppToken, "rotated-TOKEN-0042", EngineHarness.KubeToken })
        {
            Assert.DoesNotContain(secret, preview.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), preview.ToString(), StringComparison.Ordinal);
        }

        var code = await ShapeBlockProgram.RunAsync(["up", "--yes"], harness.Define, host);

        Assert.True(code == ExitCodes.Ok, output.ToString());
        Assert.Equal(1, harness.Server.Faults.Requests.Writes());
        Assert.Equal(1, harness.Server.Faults.Requests.Count("patch", "secrets"));
        Assert.Equal("rotated-TOKEN-0042", Decode(harness.Server.Get("v1", "Secret", "demo", "hello-env")!, "TOKEN"));
        Assert.DoesNotContain("rotated-TOKEN-0042", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_build_spec_replaces_the_build_because_its_spec_is_immutable()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);
        var before = harness.Server.List("apps.shapeblock.io/v1alpha1", "AppBuild", "demo").Single();
        var kubeconfig = harness.KubeconfigPath;

        var run = await harness.RunAsync(s =>
        {
            EngineHarness.Define(s, kubeconfig, ["hello"]);
            s.Clusters[0].Projects[0].Apps[0].Builds[0].Args.TimeoutSeconds = 900;
        }, default, "up", "--yes");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        var after = harness.Server.List("apps.shapeblock.io/v1alpha1", "AppBuild", "demo").Single();
        Assert.NotEqual(before["metadata"]!["uid"]!.GetValue<string>(), after["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(900, after["spec"]!["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal("Completed", after["status"]!["phase"]!.GetValue<string>());
        Assert.Contains($"+ apps.shapeblock.io/AppBuild demo/{after["metadata"]!["name"]} created", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_app_prunes_it_and_leaves_the_rest()
    {
        var kubeconfig = harness.KubeconfigPath;
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync(s => EngineHarness.Define(s, kubeconfig, ["hello", "world"]), default, "up", "--yes")).ExitCode);
        Assert.NotNull(harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "world"));

        var run = await harness.RunAsync(s => EngineHarness.Define(s, kubeconfig, ["hello"]), default, "up", "--yes");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        Assert.Null(harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "world"));
        Assert.Null(harness.Server.Get("v1", "Secret", "demo", "world-env"));
        Assert.DoesNotContain(harness.Server.List("apps.shapeblock.io/v1alpha1", "AppBuild", "demo"), b => b["spec"]!["appName"]!.GetValue<string>() == "world");
        Assert.NotNull(harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "hello"));
        Assert.NotNull(harness.Server.Get("apps.shapeblock.io/v1alpha1", "Project", null, "demo"));
        Assert.Contains("apps.shapeblock.io/App demo/world deleted", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_without_yes_on_a_non_interactive_input_shows_the_plan_and_changes_nothing()
    {
        harness.Server.Faults.Requests.Reset();

        var run = await harness.RunAsync("up");

        Assert.Equal(ExitCodes.NotConfirmed, run.ExitCode);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        Assert.Contains("+ apps.shapeblock.io/App demo/hello", run.Out, StringComparison.Ordinal);
        Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_asks_on_an_interactive_input_and_applies_when_confirmed()
    {
        var output = new StringWriter();
        var host = new ProgramHost(output, output, false, TestSupport.Resolver(new() { ["APP_TOKEN"] = EngineHarness.AppToken }, harness.Directory))
        {
            Engine = harness.Options,
            Input = new StringReader("y\n"),
        };

        var code = await ShapeBlockProgram.RunAsync(["up", "--no-wait"], harness.Define, host);

        Assert.True(code == ExitCodes.Ok, output.ToString());
        Assert.Contains("Apply these changes to stack 'dev'? [y/N]", output.ToString(), StringComparison.Ordinal);
        Assert.NotNull(harness.Server.Get("apps.shapeblock.io/v1alpha1", "App", "demo", "hello"));
        Assert.DoesNotContain("ready at", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_reads_the_live_state_and_shows_only_what_changes()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes", "--no-wait")).ExitCode);
        var kubeconfig = harness.KubeconfigPath;
        harness.Server.Faults.Requests.Reset();

        var same = await harness.RunAsync("preview", "--json");
        var changed = await harness.RunAsync(s =>
        {
            EngineHarness.Define(s, kubeconfig, ["hello"]);
            s.Clusters[0].Projects[0].Apps[0].Args.Port = 3000;
        }, default, "preview");

        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        var result = JsonNode.Parse(same.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        Assert.False(result["againstEmptyWorld"]!.GetValue<bool>());
        Assert.Equal(0, result["summary"]!["create"]!.GetValue<int>() + result["summary"]!["update"]!.GetValue<int>() + result["summary"]!["delete"]!.GetValue<int>());
        Assert.Contains("~ apps.shapeblock.io/App demo/hello", changed.Out, StringComparison.Ordinal);
        Assert.Contains("spec.port: 8080 → 3000", changed.Out, StringComparison.Ordinal);
        Assert.Contains("1 to update", changed.Out, StringComparison.Ordinal);
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static string Decode(JsonObject secret, string key) => Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.GetValue<string>()));
}

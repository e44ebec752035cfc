using System.Text.Json;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Preview_without_credentials_exits_0_and_says_it_previews_an_empty_world()
    {
        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["preview"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Previewing stack 'dev' against an empty world: credentials are missing (prod: Hetzner API token (environment variable HCLOUD_TOKEN is not set))", run.Out, StringComparison.Ordinal);
        Assert.Contains("+ apps.shapeblock.io/App shop/web", run.Out, StringComparison.Ordinal);
        Assert.Contains("+ apps.shapeblock.io/Service shop/db", run.Out, StringComparison.Ordinal);
        // The cloud was not read: its resources and the k3s installs are "?" (not read), not "create".
        Assert.Contains("? server prod-master-1 (cx22, master)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Cloud resources and k3s installs show as '?' (not read: up creates what is missing)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Summary: 27 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged, 10 not read.", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Stack_option_names_the_stack_everywhere()
    {
        var dir = TestSupport.TempDirectory();

        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, workingDirectory: dir, args: ["render", "out", "--stack", "prod"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("shapeblock.io/stack: prod", await File.ReadAllTextAsync(Path.Combine(dir, "out", "prod", "018-shop.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_preview_is_ndjson_ending_with_a_result_document()
    {
        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["preview", "--json"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.Equal(JsonValueKind.String, e.GetProperty("event").ValueKind));
        Assert.Equal("start", events[0].GetProperty("event").GetString());
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "notice" && e.GetProperty("message").GetString()!.Contains("empty world", StringComparison.Ordinal));
        var changes = events.Where(e => e.GetProperty("event").GetString() == "change").ToList();
        Assert.Equal(37, changes.Count);
        Assert.Contains(changes, c => c.GetProperty("key").GetString() == "apps.shapeblock.io/App shop/web" && c.GetProperty("action").GetString() == "create");
        var result = events[^1];
        Assert.Equal("result", result.GetProperty("event").GetString());
        Assert.Equal(0, result.GetProperty("exitCode").GetInt32());
        Assert.True(result.GetProperty("againstEmptyWorld").GetBoolean());
        Assert.Equal(27, result.GetProperty("summary").GetProperty("create").GetInt32());
        Assert.Equal(10, result.GetProperty("summary").GetProperty("unknown").GetInt32());
        Assert.Contains(changes, c => c.GetProperty("key").GetString() == "hetzner server prod-master-1" && c.GetProperty("action").GetString() == "unknown");
    }

    [Fact]
    public async Task Invalid_model_exits_1_and_lists_every_problem()
    {
        static void Broken(Stack stack)
        {
            var c = stack.Add(new Cluster("prod", new ClusterArgs { Provider = new HetznerProvider { Token = Secret.FromEnvironment("HCLOUD_TOKEN") }, Masters = new MasterPool { Count = 2 } }));
            var shop = c.AddProject("shop");
            shop.AddApp("web", new AppArgs { Build = Build.Image("nginx:1"), Port = 0 });
            shop.AddApp("api", new AppArgs { Build = Build.Dockerfile() });
        }

        var text = await TestSupport.RunAsync(Broken, args: ["preview"]);
        var json = await TestSupport.RunAsync(Broken, args: ["preview", "--json"]);

        Assert.Equal(ExitCodes.ValidationFailed, text.ExitCode);
        Assert.Contains("The model has 3 problems; nothing was called:", text.Error, StringComparison.Ordinal);
        Assert.Contains("error: prod: masters must be 1, 3 or 5 (got 2)", text.Error, StringComparison.Ordinal);
        Assert.Contains("error: prod/shop/web: port must be 1–65535", text.Error, StringComparison.Ordinal);
        Assert.Contains("error: prod/shop/api: Git is required for Dockerfile builds", text.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary", text.Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.ValidationFailed, json.ExitCode);
        var events = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, events.Count(e => e.GetProperty("event").GetString() == "problem"));
        Assert.Equal(3, events[^1].GetProperty("problems").GetInt32());
        Assert.Equal(1, events[^1].GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Render_writes_every_file_into_the_directory()
    {
        var dir = TestSupport.TempDirectory();

        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, workingDirectory: dir, args: ["render", "out/"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Rendered 25 files into", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "out", "plan.yaml")));
        Assert.True(File.Exists(Path.Combine(dir, "out", "prod", "007-k3s-prod-master-1.sh")));
        Assert.Equal(24, Directory.GetFiles(Path.Combine(dir, "out", "prod")).Length);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("render")]
    [InlineData("preview --nope")]
    [InlineData("")]
    public async Task Wrong_command_lines_exit_2(string commandLine)
    {
        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("destroy")]
    [InlineData("status")]
    [InlineData("kubeconfig")]
    public async Task Commands_on_a_provisioned_cluster_without_credentials_exit_5_naming_them_and_call_nothing(string command)
    {
        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: command is "up" or "destroy" ? [command, "--yes"] : [command]);

        Assert.Equal(ExitCodes.MissingCredentials, run.ExitCode);
        Assert.Contains("cluster 'prod' (hetzner fsn1)", run.Error, StringComparison.Ordinal);
        Assert.Contains("the Hetzner API token cannot be read", run.Error, StringComparison.Ordinal);
        Assert.Contains("HCLOUD_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.Contains("the SSH private key is not set", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not available in this build", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["--help"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("preview", run.Out, StringComparison.Ordinal);
        Assert.Contains("--stack", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_throws_while_declaring_exits_1_with_the_reason()
    {
        var run = await TestSupport.RunAsync(_ => throw new InvalidOperationException("no clusters today"), args: ["preview"]);

        Assert.Equal(ExitCodes.ValidationFailed, run.ExitCode);
        Assert.Contains("no clusters today", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_run_exits_130()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var host = new ProgramHost(new StringWriter(), new StringWriter(), false, TestSupport.Resolver());

        var code = await ShapeBlockProgram.RunAsync(["preview"], QuickStart.QuickStartStack.Define, host, cts.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
    }

    [Fact]
    public async Task Verbose_adds_the_fields_of_new_objects_the_step_dependencies_and_the_exit_code()
    {
        var plain = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["preview"]);
        var verbose = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["preview", "--verbose"]);
        var json = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["preview", "--json"]);
        var jsonVerbose = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, args: ["preview", "--json", "--verbose"]);

        Assert.All(new[] { plain, verbose, json, jsonVerbose }, r => Assert.Equal(ExitCodes.Ok, r.ExitCode));
        // Text: a created object's fields, the steps a step waits for, the command and its exit code only with --verbose.
        const string field = "spec.chart: \"ingress-nginx\"";
        const string after = "  (after prod/cloud/prod-key, prod/cloud/prod-network, prod/cloud/prod-firewall)";
        Assert.Contains(field, verbose.Out, StringComparison.Ordinal);
        Assert.Contains(after, verbose.Out, StringComparison.Ordinal);
        Assert.StartsWith("shapeblock preview (stack dev)\n", verbose.Out, StringComparison.Ordinal);
        Assert.EndsWith("exit code 0\n", verbose.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(field, plain.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(after, plain.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("exit code", plain.Out, StringComparison.Ordinal);

        // --json: created objects carry their fields and the whole object only with --verbose.
        static JsonElement Web(RunResult run) => run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("event").GetString() == "change" && e.GetProperty("key").GetString() == "apps.shapeblock.io/App shop/web");
        Assert.Equal(0, Web(json).GetProperty("fields").GetArrayLength());
        Assert.False(Web(json).TryGetProperty("object", out _));
        Assert.Contains(Web(jsonVerbose).GetProperty("fields").EnumerateArray(), f => f.GetProperty("path").GetString() == "spec.port");
        Assert.Equal("web", Web(jsonVerbose).GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void The_exit_codes_table_of_the_sdk_readme_lists_every_exit_code()
    {
        var readme = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "sdk", "ShapeBlock.Sdk", "README.md"));
        var section = readme[readme.IndexOf("### Exit codes", StringComparison.Ordinal)..];
        var documented = System.Text.RegularExpressions.Regex.Matches(section, @"^\| ([0-9]+) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var codes = typeof(ExitCodes).GetFields().Select(f => (int)f.GetRawConstantValue()!).Order().ToList();

        Assert.Equal(codes, documented);
    }

    [Fact]
    public async Task Terminal_output_is_a_tree()
    {
        var run = await TestSupport.RunAsync(QuickStart.QuickStartStack.Define, terminal: true, args: ["preview"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("shop/web", run.Out, StringComparison.Ordinal);
        Assert.Contains("└──", run.Out, StringComparison.Ordinal);
    }
}

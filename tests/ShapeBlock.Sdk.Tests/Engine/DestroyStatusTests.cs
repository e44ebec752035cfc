using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Cli;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary><c>destroy</c>, <c>status</c>, <c>kubeconfig</c>, and the search for secret values in every output of a full run.</summary>
public sealed class DestroyStatusTests : IAsyncLifetime
{
    private const string Selector = "shapeblock.io/stack=dev,app.kubernetes.io/managed-by=shapeblock";
    private static readonly (string ApiVersion, string Kind)[] Kinds =
    [
        ("apps.shapeblock.io/v1alpha1", "AppBuild"), ("apps.shapeblock.io/v1alpha1", "App"), ("apps.shapeblock.io/v1alpha1", "Service"),
        ("apps.shapeblock.io/v1alpha1", "Team"), ("apps.shapeblock.io/v1alpha1", "Project"), ("helm.cattle.io/v1", "HelmChart"), ("cert-manager.io/v1", "ClusterIssuer"),
        ("apps/v1", "Deployment"), ("v1", "Secret"), ("v1", "ServiceAccount"), ("v1", "Service"), ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"), ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition"), ("v1", "Namespace"),
    ];

    private EngineHarness harness = null!;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Destroy_deletes_what_the_stack_created_custom_resources_first_and_keeps_what_it_adopted()
    {
        // The shapeblock namespace exists before the stack: it is adopted, not owned.
        harness.Server.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "shapeblock" } });
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);
        harness.Server.Faults.Requests.Reset();

        var run = await harness.RunAsync("destroy", "--yes");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        var left = Kinds.SelectMany(k => harness.Server.List(k.ApiVersion, k.Kind, null, Selector)).Select(o => $"{o["kind"]} {o["metadata"]!["name"]}").ToList();
        // Kept: the adopted namespace and the ShapeBlock/helm CRDs the server already had (as k3s or an earlier install would).
        Assert.Contains("Namespace shapeblock", left);
        Assert.DoesNotContain(left, l => !l.StartsWith("Namespace shapeblock", StringComparison.Ordinal) && !l.StartsWith("CustomResourceDefinition", StringComparison.Ordinal));
        Assert.Null(harness.Server.Get("v1", "Namespace", null, "demo"));
        Assert.Contains("Namespace shapeblock kept", run.Out, StringComparison.Ordinal);

        // Custom resources went first: every CR delete precedes the first platform delete.
        var deletes = harness.Server.Faults.Requests.Recent.Where(r => r.Verb == "delete").ToList();
        var lastCr = deletes.FindLastIndex(r => r.Group == "apps.shapeblock.io");
        var firstPlatform = deletes.FindIndex(r => r.Group is "" or "apps" or "rbac.authorization.k8s.io" or "helm.cattle.io");
        Assert.True(lastCr >= 0 && firstPlatform > lastCr, string.Join(", ", deletes.Select(d => $"{d.Resource} {d.Name}")));
        Assert.Contains("Destroyed:", run.Out, StringComparison.Ordinal);

        // A second destroy finds nothing to delete.
        harness.Server.Faults.Requests.Reset();
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("destroy", "--yes")).ExitCode);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
    }

    [Fact]
    public async Task Destroy_without_yes_on_a_non_interactive_input_refuses()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes", "--no-wait")).ExitCode);
        harness.Server.Faults.Requests.Reset();

        var run = await harness.RunAsync("destroy");

        Assert.Equal(ExitCodes.NotConfirmed, run.ExitCode);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        Assert.Contains("Re-run with --yes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_lists_the_stack_resources_with_phase_and_url()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes")).ExitCode);

        var table = await harness.RunAsync("status");
        var json = await harness.RunAsync("status", "--json");

        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.Matches(@"ext\s+App\s+demo/hello\s+Ready\s+https://hello\.apps\.example\.com", table.Out);
        Assert.Matches(@"ext\s+Project\s+demo\s+Active", table.Out);
        var rows = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Where(e => e["event"]!.GetValue<string>() == "status").ToList();
        Assert.Equal(["App", "AppBuild", "Project", "Service", "Team"], rows.Select(r => r["kind"]!.GetValue<string>()).Order());
        Assert.Equal("https://hello.apps.example.com", rows.Single(r => r["kind"]!.GetValue<string>() == "App")["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kubeconfig_prints_the_clusters_kubeconfig()
    {
        var run = await harness.RunAsync("kubeconfig");
        var json = await harness.RunAsync("kubeconfig", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(harness.KubeconfigPath), run.Out);
        var kubeconfig = JsonNode.Parse(json.Out.Split('\n')[1])!;
        Assert.Equal("kubeconfig", kubeconfig["event"]!.GetValue<string>());
        Assert.Equal(harness.KubeconfigPath, kubeconfig["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_secret_value_appears_in_any_output_of_up_status_or_destroy()
    {
        string[][] commandLines =
        [
            ["up"], ["up", "--verbose"], ["up", "--json", "--verbose"], ["up", "--yes", "--json", "--verbose"], ["up", "--yes"], ["up", "--yes", "--verbose"], ["status"], ["status", "--json"], ["up", "--yes", "--json"],
        ];
        foreach (var args in commandLines)
        {
            var run = await harness.RunAsync(args);
            Assert.True(run.ExitCode is ExitCodes.Ok or ExitCodes.NotConfirmed, $"{string.Join(' ', args)}: {run.All}");
        }

        // The terminal (Spectre.Console) output too, with a change to apply.
        var kubeconfig = harness.KubeconfigPath;
        var terminal = await harness.RunAsync(s =>
        {
            EngineHarness.Define(s, kubeconfig, ["hello"]);
            s.Clusters[0].Projects[0].Apps[0].Args.Replicas = 2;
        }, true, default, "up", "--yes", "--verbose");
        Assert.True(terminal.ExitCode == ExitCodes.Ok, terminal.All);
        Assert.Contains("apps.shapeblock.io/App demo/hello updated", terminal.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync(harness.Define, true, default, "status")).ExitCode);

        var creds = harness.Server.Get("v1", "Secret", "shapeblock", "registry-creds")!;
        var dockerConfig = Encoding.UTF8.GetString(Convert.FromBase64String(creds["data"]![".dockerconfigjson"]!.GetValue<string>()));
        var password = JsonNode.Parse(dockerConfig)!["auths"]!["registry.apps.example.com"]!["password"]!.GetValue<string>();
        var htpasswd = Encoding.UTF8.GetString(Convert.FromBase64String(harness.Server.Get("v1", "Secret", "shapeblock", "registry-auth")!["data"]!["htpasswd"]!.GetValue<string>()));
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("destroy", "--yes", "--json")).ExitCode);

        var all = harness.AllOutput.ToString();
        Assert.Contains("(secret)", all, StringComparison.Ordinal);
        foreach (var secret in new[] { EngineHarness.AppToken, EngineHarness.KubeToken, password, htpasswd.Split(':')[1], dockerConfig })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), all, StringComparison.Ordinal);
        }
    }
}

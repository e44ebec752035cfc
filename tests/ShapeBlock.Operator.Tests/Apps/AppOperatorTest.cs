using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Operator.Tests.Infrastructure;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Apps;

/// <summary>
/// Apps and builds end to end through the CRs: the in-memory API server runs the job/kubelet, workload
/// and helm-controller simulators; build pods succeed with a scripted commit and digest unless a test
/// scripts otherwise.
/// </summary>
public abstract class AppOperatorTest : OperatorTest
{
    protected const string Ns = "shop";
    protected const string Commit = "3f786850e387550fdab836ed7e6dc881de23001b";
    protected const string Digest = "sha256:4bc453b53cb3d914b45f4b250294236adba2c0e09ff6f03793949e7e39fd4cc1";
    protected const string Registry = "registry.example.com:5000/team";

    protected override InMemoryKubernetesOptions ServerOptions => new() { ShapeBlockCrds = true, Simulators = SimulatorKinds.Helm };

    protected static OperatorOptions AppOptions => DefaultOptions with { Apps = new AppsOptions { UnschedulableTimeout = TimeSpan.Zero } };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server.Simulators.Jobs.Script(IsBuildJob, SuccessfulBuild());
    }

    public override async Task DisposeAsync()
    {
        Assert.Empty(Server.Simulators.Errors);
        await base.DisposeAsync();
    }

    /// <summary>A build pod whose clone step prints the commit and whose build step prints the digest.</summary>
    protected static JobOutcome SuccessfulBuild(SimulationGate? gate = null) =>
        (JobOutcome.Succeed("INFO building…", "INFO pushed") with { Gate = gate })
            .WithContainer("git-clone", new ContainerOutcome { TerminationMessage = Commit, Logs = ["Cloning into '/workspace/source'..."] })
            .WithContainer("build", new ContainerOutcome { TerminationMessage = Digest, Logs = ["INFO[0000] Retrieving image manifest node:22-alpine", "INFO[0009] Pushed image"] });

    protected static bool IsBuildJob(JsonObject job) => job["metadata"]?["labels"]?[Labels.Build] is not null;

    protected static bool IsBuildJobNamed(JsonObject job, string name) => job["metadata"]?["name"]?.GetValue<string>() == name;

    protected async Task StartWithProjectAsync(OperatorOptions? options = null)
    {
        await StartOperatorAsync(options ?? AppOptions);
        CreateProject(Ns);
        await WaitForProjectAsync(Ns, "Active");
    }

    protected JsonObject CreateApp(string name, JsonObject spec) => Server.Create(new JsonObject
    {
        ["apiVersion"] = ApiGroup.ApiVersion,
        ["kind"] = "App",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = spec,
    });

    protected static JsonObject ImageSpec(string image = "ghcr.io/acme/web:1.2") => new()
    {
        ["displayName"] = "Web",
        ["build"] = new JsonObject { ["type"] = "image", ["image"] = image },
        ["domains"] = new JsonArray(new JsonObject { ["host"] = "web.example.com" }),
    };

    protected static JsonObject SourceSpec(string type = "dockerfile", JsonArray? buildVars = null) => new()
    {
        ["displayName"] = "Web",
        ["git"] = new JsonObject { ["url"] = "https://github.com/acme/shop.git", ["branch"] = "main" },
        ["registry"] = new JsonObject { ["url"] = Registry },
        ["build"] = buildVars is null ? new JsonObject { ["type"] = type } : new JsonObject { ["type"] = type, ["buildVars"] = buildVars },
        ["domains"] = new JsonArray(new JsonObject { ["host"] = "shop.example.com" }),
    };

    protected JsonObject CreateBuild(string name, string app, JsonObject? spec = null)
    {
        var body = spec ?? new JsonObject { ["gitRef"] = "main" };
        body["appName"] = app;
        return Server.Create(new JsonObject
        {
            ["apiVersion"] = ApiGroup.ApiVersion,
            ["kind"] = "AppBuild",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = body,
        });
    }

    /// <summary>Read-modify-write of an App through the HTTP API (as a user's kubectl edit would), retrying on 409.</summary>
    protected Task UpdateAppAsync(string name, Action<JsonObject> change) => UpdateAsync("apps", name, change);

    /// <summary>Read-modify-write of a namespaced ShapeBlock resource through the HTTP API, retrying on 409.</summary>
    protected async Task UpdateAsync(string plural, string name, Action<JsonObject> change)
    {
        var kind = plural switch { "apps" => "App", "services" => "Service", "appbuilds" => "AppBuild", _ => throw new ArgumentException(plural) };
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            var body = Server.Get(ApiGroup.ApiVersion, kind, Ns, name)!;
            change(body);
            using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PutAsync(new Uri(Server.BaseUri, $"apis/{ApiGroup.Name}/{ApiGroup.Version}/namespaces/{Ns}/{plural}/{name}"), content);
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 5)
            {
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return;
        }
    }

    protected Task<JsonObject> WaitForBuildAsync(string name, string phase) => WaitForPhaseAsync("AppBuild", name, phase);

    protected Task<JsonObject> WaitForAppAsync(string name, string phase) => WaitForPhaseAsync("App", name, phase);

    protected IReadOnlyList<JsonObject> BuildJobs(string? build = null) =>
        Server.List("batch/v1", "Job", Ns, build is null ? Labels.Build : $"{Labels.Build}={build}");

    protected static string? Phase(JsonObject obj) => obj["status"]?["phase"]?.GetValue<string>();

    protected static string? Status(JsonObject obj, string field) => obj["status"]?[field]?.GetValue<string>();

    private async Task<JsonObject> WaitForPhaseAsync(string kind, string name, string phase)
    {
        try
        {
            return await Server.WaitForAsync(ApiGroup.ApiVersion, kind, Ns, name, o => Phase(o) == phase, Bound);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            var current = Server.Get(ApiGroup.ApiVersion, kind, Ns, name);
            Assert.Fail($"{kind} {name} did not reach {phase}; status: {current?["status"]?.ToJsonString() ?? "(none)"}\nlogs:\n{string.Join("\n", Logs.Lines.TakeLast(15))}");
            throw;
        }
    }
}

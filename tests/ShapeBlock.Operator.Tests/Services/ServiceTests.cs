using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Operator.Relay.Tests.Infrastructure;
using ShapeBlock.Operator.Tests.Apps;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Operator.Tests.Services;

/// <summary>Backing services end to end through the CRs, with the helm-controller simulator.</summary>
public sealed class ServiceTests : AppOperatorTest
{
    [Fact]
    public async Task A_postgres_service_is_deployed_with_a_generated_connection_secret_and_the_relay_sees_every_phase()
    {
        await using var relayServer = await RelayTestServer.StartAsync();
        await StartWithProjectAsync(AppOptions with { WebSocketUrl = relayServer.Uri, ApiKey = "k" });
        await Eventually(() => relayServer.Recording.Accepted >= 1, "the relay connected");
        var gate = new SimulationGate();
        Server.Simulators.Helm.Script("db", new HelmOutcome { InstallGate = gate });

        // Each phase is held until the server has seen it (the relay keeps only the latest status per resource).
        Server.Faults.FailRequests("create", "helmcharts");
        CreateService("db", new JsonObject { ["type"] = "postgres", ["version"] = "16", ["storage"] = "5Gi" });
        await Eventually(() => Phases(relayServer, "Service/shop/db").Contains("Pending"), "Pending at the server");
        Server.Faults.Reset();
        await WaitForServiceAsync("db", "Deploying");
        await Eventually(() => Phases(relayServer, "Service/shop/db").Contains("Deploying"), "Deploying at the server");
        gate.Open();
        var service = await WaitForServiceAsync("db", "Deployed");

        Assert.Equal("postgresql://db-postgres.shop.svc.cluster.local:5432/db", Status(service, "url"));
        Assert.Equal("db-connection", Status(service, "connectionSecret"));
        Assert.Equal("db", Status(service, "helmRelease"));
        var secret = await Client.CoreV1.ReadNamespacedSecretAsync("db-connection", Ns);
        var password = Encoding.UTF8.GetString(secret.Data["PASSWORD"]);
        Assert.Matches("^[A-Za-z0-9]{32}$", password);
        Assert.Equal($"postgresql://app:{password}@db-postgres.shop.svc.cluster.local:5432/db", Encoding.UTF8.GetString(secret.Data["URL"]));
        foreach (var key in new[] { "HOST", "PORT", "USERNAME", "DATABASE" })
        {
            Assert.True(secret.Data.ContainsKey(key), key);
        }

        var chart = Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "db")!;
        Assert.Equal("postgres", chart["spec"]!["chart"]!.GetValue<string>());
        Assert.Equal("abort", chart["spec"]!["failurePolicy"]!.GetValue<string>());
        Assert.DoesNotContain(password, chart.ToJsonString());
        Assert.NotEmpty(Server.List("apps/v1", "StatefulSet", Ns, "app.kubernetes.io/instance=db"));

        await Eventually(() => Phases(relayServer, "Service/shop/db").Contains("Deployed"), "Deployed at the server");
        var seen = Phases(relayServer, "Service/shop/db");
        Assert.True(seen.IndexOf("Pending") < seen.IndexOf("Deploying") && seen.IndexOf("Deploying") < seen.IndexOf("Deployed"), string.Join(" → ", seen));
        Assert.DoesNotContain(password, string.Join("\n", Logs.Lines));
    }

    [Fact]
    public async Task A_bound_app_gets_the_connection_as_env_fails_without_the_service_and_heals_when_it_appears()
    {
        await StartWithProjectAsync();
        var spec = ImageSpec();
        spec["services"] = new JsonArray(new JsonObject { ["name"] = "db" });
        CreateApp("web", spec);
        var failed = await WaitForAppAsync("web", "Failed");
        Assert.Contains("Service shop/db not found", Status(failed, "message"));

        CreateService("db", new JsonObject { ["type"] = "postgres" });
        await WaitForServiceAsync("db", "Deployed");
        await WaitForAppAsync("web", "Ready");

        var values = Values("web");
        Assert.Contains("DB_URL", values);
        Assert.Contains("db-connection", values);
        var hash = BindingsHash(values);

        // New credentials (e.g. rotated by hand) roll the app.
        var secret = await Client.CoreV1.ReadNamespacedSecretAsync("db-connection", Ns);
        secret.Data["PASSWORD"] = Encoding.UTF8.GetBytes("RotatedRotatedRotatedRotated1234");
        await Client.CoreV1.ReplaceNamespacedSecretAsync(secret, "db-connection", Ns);
        await Server.WaitForAsync("helm.cattle.io/v1", "HelmChart", Ns, "web", c => BindingsHash(c["spec"]!["valuesContent"]!.GetValue<string>()) != hash, Bound);

        // The Service goes away while bound: the App says so.
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Ns, "services", "db");
        await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web", a => Phase(a) == "Failed" && Status(a, "message")?.Contains("db") == true, Bound);
    }

    [Fact]
    public async Task A_bound_app_waits_without_failing_while_its_service_has_not_written_the_connection_secret()
    {
        await StartWithProjectAsync();
        Server.Faults.FailRequests("create", "secrets");
        CreateService("db", new JsonObject { ["type"] = "postgres" });
        var spec = ImageSpec();
        spec["services"] = new JsonArray(new JsonObject { ["name"] = "db" });
        CreateApp("web", spec);

        var waiting = await Server.WaitForAsync(ApiGroup.ApiVersion, "App", Ns, "web",
            a => Status(a, "message")?.Contains("connection Secret db-connection", StringComparison.Ordinal) == true, Bound);
        Assert.Equal("Initializing", Phase(waiting));

        Server.Faults.Reset();
        await WaitForServiceAsync("db", "Deployed");
        await WaitForAppAsync("web", "Ready");
    }

    [Fact]
    public async Task A_spec_change_after_deployed_is_an_upgrade_with_the_same_password()
    {
        await StartWithProjectAsync();
        CreateService("cache", new JsonObject { ["type"] = "redis" });
        await WaitForServiceAsync("cache", "Deployed");
        var password = await PasswordAsync("cache");
        var auth = await Client.CoreV1.ReadNamespacedSecretAsync("cache-redis-auth", Ns);
        Assert.Equal($"requirepass {password}\n", Encoding.UTF8.GetString(auth.Data["auth.conf"]));

        var service = Server.Get(ApiGroup.ApiVersion, "Service", Ns, "cache")!;
        await UpdateAsync("services", "cache", s => s["spec"]!["version"] = "8.2");

        await Server.WaitForAsync("helm.cattle.io/v1", "HelmChart", Ns, "cache", c => c["spec"]!["valuesContent"]!.GetValue<string>().Contains("tag: \"8.2\""), Bound);
        await Server.WaitForAsync(ApiGroup.ApiVersion, "Service", Ns, "cache", s => Phase(s) == "Deployed" && s["status"]?["observedGeneration"]?.GetValue<long>() == 2, Bound);
        Assert.Equal(password, await PasswordAsync("cache"));
        _ = service;
    }

    [Fact]
    public async Task A_failing_chart_install_fails_the_service_with_the_helm_error()
    {
        await StartWithProjectAsync();
        Server.Simulators.Helm.Script("db", HelmOutcome.FailInstall("failed to download \"postgres\" at version \"1.6.7\""));
        CreateService("db", new JsonObject { ["type"] = "postgres" });

        var service = await WaitForServiceAsync("db", "Failed");
        Assert.Contains("failed to download", Status(service, "message"));
    }

    [Fact]
    public async Task A_restart_between_the_secret_and_the_helm_chart_writes_keeps_the_first_password()
    {
        var first = await StartOperatorAsync(AppOptions);
        CreateProject(Ns);
        await WaitForProjectAsync(Ns, "Active");
        Server.Faults.FailRequests("create", "helmcharts");
        CreateService("db", new JsonObject { ["type"] = "mysql" });
        await Server.WaitForAsync("v1", "Secret", Ns, "db-connection", _ => true, Bound);
        await Eventually(() => Server.Faults.Requests.Count("create", "helmcharts") >= 1, "a failed HelmChart create");
        await StopOperatorAsync(first);
        var password = await PasswordAsync("db");

        Server.Faults.Reset();
        await StartOperatorAsync(AppOptions);

        await WaitForServiceAsync("db", "Deployed");
        Assert.Equal(password, await PasswordAsync("db"));
        // Secrets created in the project: the registry copy and the connection Secret, once each.
        Assert.Equal(2, Server.Faults.Requests.Recent.Count(r => r.Verb == "create" && r.Resource == "secrets" && r.Namespace == Ns));
    }

    [Theory]
    [InlineData("Retain")]
    [InlineData("Delete")]
    public async Task Deleting_a_service_uninstalls_it_and_honours_the_deletion_policy(string policy)
    {
        await StartWithProjectAsync();
        CreateService("db", new JsonObject { ["type"] = "mongodb", ["deletionPolicy"] = policy });
        await WaitForServiceAsync("db", "Deployed");
        // What the StatefulSet's volumeClaimTemplate creates on a real cluster.
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "mongodb-data-db-mongodb-0", Labels = new Dictionary<string, string> { [Labels.Instance] = "db" } },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
        }, Ns);

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, Ns, "services", "db");
        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "Service", Ns, "db", Bound);

        Assert.Null(Server.Get("helm.cattle.io/v1", "HelmChart", Ns, "db"));
        Assert.Empty(Server.List("apps/v1", "StatefulSet", Ns, "app.kubernetes.io/instance=db"));
        var kept = policy == "Retain";
        Assert.Equal(kept, Server.Get("v1", "PersistentVolumeClaim", Ns, "mongodb-data-db-mongodb-0") is not null);
        Assert.Equal(kept, Server.Get("v1", "Secret", Ns, "db-connection") is not null);
        await Server.WaitForAnyAsync("v1", "Event", Ns, e => e["involvedObject"]?["name"]?.GetValue<string>() == "db" && e["reason"]?.GetValue<string>() == (kept ? "Retained" : "Deleting"), Bound);
    }

    private JsonObject CreateService(string name, JsonObject spec) => Server.Create(new JsonObject
    {
        ["apiVersion"] = ApiGroup.ApiVersion,
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = spec,
    });

    private Task<JsonObject> WaitForServiceAsync(string name, string phase) =>
        Server.WaitForAsync(ApiGroup.ApiVersion, "Service", Ns, name, s => Phase(s) == phase, Bound);

    private async Task<string> PasswordAsync(string service) =>
        Encoding.UTF8.GetString((await Client.CoreV1.ReadNamespacedSecretAsync($"{service}-connection", Ns)).Data["PASSWORD"]);

    private string Values(string app) => Server.Get("helm.cattle.io/v1", "HelmChart", Ns, app)!["spec"]!["valuesContent"]!.GetValue<string>();

    private static string? BindingsHash(string values) =>
        values.Split('\n').FirstOrDefault(l => l.Contains("shapeblock.io/bindings-hash", StringComparison.Ordinal))?.Trim();

    private static List<string> Phases(RelayTestServer server, string key) =>
        [.. server.Recording.Statuses.Where(m => ServerRecording.KeyOf(m) == key).Select(m => m.GetProperty("status").GetString()!)];
}

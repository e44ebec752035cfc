using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Api;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Operator.Tests.Infrastructure;

/// <summary>
/// An in-memory API server with the ShapeBlock CRDs, the operator namespace and its registry Secret,
/// and operator processes (in-process <see cref="OperatorHost"/>s) started and stopped by the test.
/// </summary>
public abstract class OperatorTest : IAsyncLifetime
{
    public const string RegistryAuth = """{"auths":{"registry.example.com":{"auth":"dXNlcjpyZWdpc3RyeS1wYXNzd29yZC1zM2NyM3Q="}}}""";
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly List<(OperatorHost Host, CancellationTokenSource Stop, Task<bool> Run, ILoggerFactory Loggers)> running = [];

    protected InMemoryKubernetes Server { get; private set; } = null!;

    protected Kubernetes Client { get; private set; } = null!;

    protected CapturingLoggerProvider Logs { get; } = new();

    public virtual async Task InitializeAsync()
    {
        Server = await InMemoryKubernetes.StartAsync(ServerOptions);
        Client = Server.CreateClient();
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shapeblock" } });
        await CreateRegistrySecretAsync();
    }

    /// <summary>How the API server is started (apps tests add simulators).</summary>
    protected virtual InMemoryKubernetesOptions ServerOptions => new() { ShapeBlockCrds = true };

    public virtual async Task DisposeAsync()
    {
        foreach (var (_, stop, run, loggers) in running)
        {
            await stop.CancelAsync();
            await run.WaitAsync(Bound);
            stop.Dispose();
            loggers.Dispose();
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected static OperatorOptions DefaultOptions => new()
    {
        HealthAddress = "",
        LeaderElection = false,
        LeaseDuration = TimeSpan.FromSeconds(3),
        LeaseRenewDeadline = TimeSpan.FromSeconds(2),
        LeaseRetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    protected Task CreateRegistrySecretAsync(string name = "registry-creds", string auth = RegistryAuth) =>
        Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name },
            Type = "kubernetes.io/dockerconfigjson",
            StringData = new Dictionary<string, string> { [".dockerconfigjson"] = auth },
        }, "shapeblock");

    /// <summary>Starts an operator process and waits until its caches are synced.</summary>
    protected async Task<OperatorHost> StartOperatorAsync(OperatorOptions? options = null)
    {
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        var host = new OperatorHost(options ?? DefaultOptions, Server.CreateClient(), loggers);
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(stop.Token));
        running.Add((host, stop, run, loggers));
        await Eventually(() => host.IsReady || run.IsCompleted, "operator caches synced");
        Assert.False(run.IsCompleted, "the operator stopped during start-up: " + string.Join("\n", Logs.Lines.TakeLast(20)));
        return host;
    }

    /// <summary>Stops an operator process gracefully (drains, releases the lease).</summary>
    protected async Task StopOperatorAsync(OperatorHost host)
    {
        var entry = running.Single(r => r.Host == host);
        await entry.Stop.CancelAsync();
        Assert.True(await entry.Run.WaitAsync(Bound), "graceful stop");
    }

    protected JsonObject CreateProject(string name, JsonObject? spec = null) => Server.Create(new JsonObject
    {
        ["apiVersion"] = ApiGroup.ApiVersion,
        ["kind"] = "Project",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec ?? new JsonObject { ["displayName"] = name },
    });

    protected Task<JsonObject> WaitForProjectAsync(string name, string phase) =>
        Server.WaitForAsync(ApiGroup.ApiVersion, "Project", null, name, p => p["status"]?["phase"]?.GetValue<string>() == phase, Bound);

    /// <summary>Waits (bounded) for a condition the test can only observe by asking.</summary>
    protected static async Task Eventually(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }
        }
    }
}

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>Starts a fresh in-memory API server (and a KubernetesClient for it) per test.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected InMemoryKubernetes Server { get; private set; } = null!;

    protected k8s.Kubernetes Client { get; private set; } = null!;

    protected virtual InMemoryKubernetesOptions Options => new() { ShapeBlockCrds = true };

    public async Task InitializeAsync()
    {
        Server = await InMemoryKubernetes.StartAsync(Options);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        var errors = Server.Simulators.Errors;
        Assert.True(errors.Count == 0, "simulator errors:\n" + string.Join("\n", errors));
        await Server.DisposeAsync();
    }

    /// <summary>Creates a namespace in-process.</summary>
    protected void Namespace(string name) => Server.Create(Objects.Namespace(name));
}

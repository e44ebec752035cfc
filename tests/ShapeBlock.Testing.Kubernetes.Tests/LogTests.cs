using k8s;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class LogTests : ServerTest
{
    [Fact]
    public async Task Multi_container_pods_need_a_container_and_waiting_containers_have_no_logs()
    {
        Namespace("ns1");
        Server.Create(Objects.Pod("ns1", "p", containers: ["app", "sidecar"]));
        var missing = await ApiErrors.StatusOf(() => Client.CoreV1.ReadNamespacedPodLogAsync("p", "ns1"), 400);
        Assert.Equal("a container name must be specified for pod p, choose one of: [app sidecar]", missing["message"]!.GetValue<string>());
        var waiting = await ApiErrors.StatusOf(() => Client.CoreV1.ReadNamespacedPodLogAsync("p", "ns1", container: "app"), 400);
        Assert.Contains("is waiting to start: ContainerCreating", waiting["message"]!.GetValue<string>());

        Server.Logs.Append("ns1", "p", "sidecar", "a\nb\nc");
        using var reader = new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync("p", "ns1", container: "sidecar", tailLines: 2, timestamps: true));
        var lines = (await reader.ReadToEndAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z b$", lines[0]);
    }
}

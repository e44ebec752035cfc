using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class LeaseAndEventTests : ServerTest
{
    [Fact]
    public async Task Leases_support_leader_election_with_optimistic_concurrency()
    {
        Namespace("shapeblock");
        var now = DateTime.UtcNow;
        var lease = await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "shapeblock-operator" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
        }, "shapeblock");

        var b = await Client.CoordinationV1.ReadNamespacedLeaseAsync("shapeblock-operator", "shapeblock");
        lease.Spec.RenewTime = now.AddSeconds(5);
        await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "shapeblock-operator", "shapeblock");
        b.Spec.HolderIdentity = "b";
        await ApiErrors.StatusOf(() => Client.CoordinationV1.ReplaceNamespacedLeaseAsync(b, "shapeblock-operator", "shapeblock"), 409);
        var current = await Client.CoordinationV1.ReadNamespacedLeaseAsync("shapeblock-operator", "shapeblock");
        Assert.Equal("a", current.Spec.HolderIdentity);
        Assert.Equal(now.AddSeconds(5), current.Spec.RenewTime!.Value, TimeSpan.FromMilliseconds(1));

        // PUT on a missing Lease creates it, as the real API server allows for leases.
        var created = await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "other", NamespaceProperty = "shapeblock" }, Spec = new V1LeaseSpec { HolderIdentity = "c" } }, "other", "shapeblock");
        Assert.Equal("c", created.Spec.HolderIdentity);
    }

    [Fact]
    public async Task Core_and_events_k8s_io_events_are_stored_and_listed()
    {
        Namespace("shop");
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "web." },
            InvolvedObject = new V1ObjectReference { ApiVersion = "apps.shapeblock.io/v1alpha1", Kind = "App", Name = "web", NamespaceProperty = "shop" },
            Reason = "Deployed",
            Message = "release ready",
            Type = "Normal",
            Source = new V1EventSource { Component = "shapeblock-operator" },
        }, "shop");
        await Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.2" },
            EventTime = DateTime.UtcNow,
            Regarding = new V1ObjectReference { Kind = "App", Name = "web", NamespaceProperty = "shop" },
            Reason = "BuildFailed",
            Note = "kaniko exited 1",
            Type = "Warning",
            Action = "Build",
            ReportingController = "shapeblock.io/operator",
            ReportingInstance = "op-1",
        }, "shop");
        var core = Assert.Single((await Client.CoreV1.ListNamespacedEventAsync("shop", fieldSelector: "involvedObject.kind=App,source=shapeblock-operator")).Items);
        Assert.Equal("release ready", core.Message);
        var modern = Assert.Single((await Client.EventsV1.ListNamespacedEventAsync("shop", fieldSelector: "regarding.name=web")).Items);
        Assert.Equal("kaniko exited 1", modern.Note);
    }
}

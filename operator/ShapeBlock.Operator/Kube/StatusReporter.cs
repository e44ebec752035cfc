using k8s;
using k8s.Models;
using ShapeBlock.Operator.Relay;

namespace ShapeBlock.Operator.Kube;

/// <summary>Tells the ShapeBlock server (through the relay, when configured) the phase of every resource.</summary>
internal sealed class StatusReporter(ServerRelay? relay)
{
    public void Report(RelayResourceType type, IKubernetesObject<V1ObjectMeta> obj, string phase, string? message, string? podName = null, string? appName = null) =>
        relay?.PublishStatus(new StatusMessage(type, obj.Metadata.Name, obj.Metadata.NamespaceProperty ?? "", phase)
        {
            Message = message,
            PodName = podName,
            AppName = appName,
            Labels = obj.Metadata.Labels is { Count: > 0 } labels ? new Dictionary<string, string>(labels) : null,
        });

    /// <summary>The resource is gone: say so once, then stop re-sending it on reconnect.</summary>
    public void Deleted(RelayResourceType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        if (relay is null)
        {
            return;
        }

        Report(type, obj, "Deleted", null);
        relay.ForgetStatus(new StatusKey(type, obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name));
    }
}

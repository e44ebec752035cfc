using System.Security.Cryptography;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>Records Kubernetes Events on ShapeBlock resources (phase changes and failures). Messages never carry secret values.</summary>
internal sealed class EventRecorder(KubeRestClient client, ILogger<EventRecorder> logger, TimeProvider time)
{
    public const string Component = "shapeblock-operator";

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Events of cluster-scoped objects live in "default", as kubectl describe expects.
        var ns = obj.Metadata.NamespaceProperty ?? "default";
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{obj.Metadata.Name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = obj.ApiVersion,
                Kind = obj.Kind,
                Name = obj.Metadata.Name,
                NamespaceProperty = obj.Metadata.NamespaceProperty,
                Uid = obj.Metadata.Uid,
                ResourceVersion = obj.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CreateAsync(Resources.Events, Codecs.Event, ev, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Events are best effort: a failed event must not fail the reconcile.
            logger.LogDebug("Could not record event {Reason} on {Kind} {Name}: {Error}", reason, obj.Kind, obj.Metadata.Name, e.Message);
        }
    }
}

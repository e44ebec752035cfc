using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>How a phase reads in conditions and events.</summary>
internal enum PhaseOutcome
{
    /// <summary><c>Ready=True</c>, a Normal event.</summary>
    Ready,

    /// <summary><c>Ready=False</c> while work goes on, a Normal event.</summary>
    Progressing,

    /// <summary><c>Ready=False</c>, a Warning event named after the reason.</summary>
    Failed,
}

/// <summary>
/// Records a resource's phase everywhere it is read: status (phase, message, observedGeneration and the
/// <c>Ready</c> condition, written only when changed), the ShapeBlock server (relay) and, when the phase
/// changes, a Kubernetes Event (queued: a reconcile never waits on it).
/// </summary>
internal sealed class PhaseRecorder(StatusWriter status, EventQueue events, StatusReporter reporter, TimeProvider time)
{
    public async Task<T> SetAsync<T, TStatus, TPhase>(
        ResourceType type,
        IResourceCodec<T> codec,
        RelayResourceType relayType,
        T obj,
        TPhase phase,
        PhaseOutcome outcome,
        string reason,
        string message,
        Action<TStatus>? extra,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
        where TStatus : ResourceStatus<TPhase>, new()
        where TPhase : struct, Enum
    {
        var previous = obj.Status?.Phase;
        var now = time.GetUtcNow().UtcDateTime;
        var ready = outcome == PhaseOutcome.Ready ? ConditionStatus.True : ConditionStatus.False;
        var written = await status.UpdateAsync(type, codec, obj, o =>
        {
            // The writer hands over a fresh copy, so changing it in place is safe.
            var s = o.Status ??= new TStatus();
            s.Phase = phase;
            s.Message = message;
            s.ObservedGeneration = o.Metadata.Generation;
            s.Conditions = Conditions.Set(s.Conditions, ConditionTypes.Ready, ready, reason, message, o.Metadata.Generation, now);
            extra?.Invoke(s);
        }, cancellationToken).ConfigureAwait(false);

        reporter.Report(relayType, obj, phase.ToString(), message);
        if (!EqualityComparer<TPhase?>.Default.Equals(previous, phase))
        {
            var failed = outcome == PhaseOutcome.Failed;
            events.Enqueue(obj, failed ? "Warning" : "Normal", failed ? reason : phase.ToString(), message);
        }

        return written;
    }
}

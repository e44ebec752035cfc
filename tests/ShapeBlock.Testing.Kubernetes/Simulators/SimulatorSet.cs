using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>The simulators of a server; each is off until enabled.</summary>
public sealed class SimulatorSet : IAsyncDisposable
{
    internal SimulatorSet(ObjectApi api, PodLogStore logs, TimeProvider time)
    {
        Jobs = new JobSimulator(api, logs, time);
        Workloads = new WorkloadSimulator(api, logs, time);
        Helm = new HelmSimulator(api, logs, time, Jobs, Workloads);
    }

    /// <summary>Job controller + kubelet for job pods.</summary>
    public JobSimulator Jobs { get; }

    /// <summary>Deployment/StatefulSet controllers, scheduler, nodes.</summary>
    public WorkloadSimulator Workloads { get; }

    /// <summary>helm-controller.</summary>
    public HelmSimulator Helm { get; }

    /// <summary>Errors any simulator raised while handling events.</summary>
    public IReadOnlyList<Exception> Errors => [.. Jobs.Errors, .. Workloads.Errors, .. Helm.Errors];

    /// <summary>Enables the given simulators.</summary>
    /// <param name="kinds">Which.</param>
    public void Enable(SimulatorKinds kinds)
    {
        if (kinds.HasFlag(SimulatorKinds.Jobs))
        {
            Jobs.Enable();
        }

        if (kinds.HasFlag(SimulatorKinds.Workloads))
        {
            Workloads.Enable();
        }

        if (kinds.HasFlag(SimulatorKinds.Helm))
        {
            Helm.Enable();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Helm.DisposeAsync().ConfigureAwait(false);
        await Workloads.DisposeAsync().ConfigureAwait(false);
        await Jobs.DisposeAsync().ConfigureAwait(false);
    }
}

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>Simulators to switch on at start.</summary>
[Flags]
public enum SimulatorKinds
{
    /// <summary>None: objects stay as written.</summary>
    None = 0,

    /// <summary>Job controller + kubelet for job pods (<see cref="JobSimulator"/>).</summary>
    Jobs = 1,

    /// <summary>Deployment/StatefulSet controllers, scheduler and kubelet for their pods, nodes (<see cref="WorkloadSimulator"/>).</summary>
    Workloads = 2,

    /// <summary>helm-controller (<see cref="HelmSimulator"/>); switches on Jobs and Workloads too.</summary>
    Helm = 4,

    /// <summary>Everything.</summary>
    All = Jobs | Workloads | Helm,
}

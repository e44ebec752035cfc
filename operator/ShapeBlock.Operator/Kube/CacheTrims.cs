using k8s.Models;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Kube;

/// <summary>
/// What the informers keep of each kind (see <see cref="Informer{T}.Trim"/>): repeated texts shared, fields no
/// reconciler reads dropped. Readers of a trimmed kind must patch, never write the cached copy back whole.
/// </summary>
internal static class CacheTrims
{
    /// <summary>Condition types, statuses and reasons repeat across the objects of a kind; a condition's message is often the phase message.</summary>
    public static void Status<TPhase>(ResourceStatus<TPhase>? status)
        where TPhase : struct, Enum
    {
        if (status is null)
        {
            return;
        }

        CacheShare.Conditions(status.Conditions, status.Message);
    }

    /// <summary>
    /// Readers use a Namespace's name, labels and deletion timestamp only (<see cref="Reconcilers.ProjectChildren"/>
    /// patches its labels; the Project controller finds the owner by its label): its annotations (other tools'
    /// notes), owner reference, spec (finalizers) and status (phase) are dropped.
    /// </summary>
    public static void Namespace(V1Namespace ns)
    {
        ns.Metadata.Annotations = null;
        ns.Metadata.OwnerReferences = null;
        ns.Spec = null;
        ns.Status = null;
    }

    /// <summary>The registry credential copied into every project is one byte array, not one per copy.</summary>
    public static void Secret(V1Secret secret) => CacheShare.Data(secret.Data);

    /// <summary>
    /// helm-controller's install Jobs are judged by name, UID, labels and status only (<see cref="Reconcilers.Releases.HelmReleases"/>):
    /// the pod template (the whole helm command line and environment), annotations and owner references are dropped.
    /// </summary>
    public static void HelmJob(V1Job job)
    {
        job.Metadata.Annotations = null;
        job.Metadata.OwnerReferences = null;
        job.Spec = null;
    }

    /// <summary>
    /// A release's Deployment is judged by its generation, desired replicas and the status counts: the pod template,
    /// selector, strategy, annotations and status conditions are dropped.
    /// </summary>
    public static void ReleaseDeployment(V1Deployment deployment)
    {
        deployment.Metadata.Annotations = null;
        deployment.Metadata.OwnerReferences = null;
        deployment.Spec = deployment.Spec is { } spec ? new V1DeploymentSpec { Replicas = spec.Replicas } : null;
        if (deployment.Status is { } status)
        {
            status.Conditions = null;
        }
    }

    /// <summary>As <see cref="ReleaseDeployment"/>: a release's StatefulSet is judged by its generation, desired replicas and status counts.</summary>
    public static void ReleaseStatefulSet(V1StatefulSet set)
    {
        set.Metadata.Annotations = null;
        set.Metadata.OwnerReferences = null;
        set.Spec = set.Spec is { } spec ? new V1StatefulSetSpec { Replicas = spec.Replicas } : null;
        if (set.Status is { } status)
        {
            status.Conditions = null;
        }
    }
}

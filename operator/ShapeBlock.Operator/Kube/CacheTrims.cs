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
}

using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Runtime.Controllers;

/// <summary>
/// Brings the world in line with one object. Reads from caches, writes to the API, never sleeps or
/// polls: it returns, and is called again when something it watches changes. An exception retries the
/// key with exponential backoff.
/// </summary>
public interface IReconciler
{
    /// <summary>Reconciles the object with this key (which may no longer exist).</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Cancelled on shutdown.</param>
    /// <returns>Whether to look again later.</returns>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}

namespace ShapeBlock.Operator.Runtime.Controllers;

/// <summary>What a reconcile asks of the queue when it succeeds.</summary>
/// <param name="RequeueAfter">Reconcile the key again after this delay (e.g. a deadline), or null.</param>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    /// <summary>Done until something changes.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Reconcile again after <paramref name="delay"/>.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The result.</returns>
    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

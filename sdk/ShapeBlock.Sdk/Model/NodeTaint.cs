namespace ShapeBlock.Sdk.Model;

/// <summary>A Kubernetes node taint.</summary>
/// <param name="Key">The taint key, e.g. <c>dedicated</c>.</param>
/// <param name="Value">The taint value (may be empty).</param>
/// <param name="Effect">What happens to pods that do not tolerate it.</param>
public sealed record NodeTaint(string Key, string Value, TaintEffect Effect = TaintEffect.NoSchedule)
{
    /// <summary>The k3s <c>--node-taint</c> form: <c>key=value:Effect</c>.</summary>
    public override string ToString() => $"{Key}={Value}:{Effect}";
}

/// <summary>Effects of a node taint.</summary>
public enum TaintEffect
{
    /// <summary>New pods that do not tolerate the taint are not scheduled.</summary>
    NoSchedule,

    /// <summary>The scheduler avoids the node when it can.</summary>
    PreferNoSchedule,

    /// <summary>Running pods that do not tolerate the taint are evicted too.</summary>
    NoExecute,
}

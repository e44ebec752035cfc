using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Diff;

/// <summary>What exists: the objects carrying the stack's label, read from the cluster (empty when nothing could be read).</summary>
/// <param name="Objects">The live objects (as the API server returns them).</param>
/// <param name="IsEmptyWorld">True when nothing was read (no credentials, or <c>render</c>).</param>
public sealed record LiveState(IReadOnlyList<JsonObject> Objects, bool IsEmptyWorld)
{
    /// <summary>Nothing exists, because nothing was read.</summary>
    public static LiveState Empty { get; } = new([], true);

    /// <summary>What exists of provisioned clusters' machines, by cluster; a cluster missing here is diffed as if nothing existed.</summary>
    public IReadOnlyDictionary<string, InfrastructureState> Infrastructure { get; init; } = new Dictionary<string, InfrastructureState>();

    /// <summary>
    /// Keys of live Secrets whose values differ from what the stack sets, by object key (<c>Secret ns/name</c>). The
    /// engine compares the values when it reads the live state; the diff shows such keys as changed, never their values.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StaleSecrets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch.</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (a list of operations).</summary>
    Json,

    /// <summary>Server-side apply: the body is the full desired object, owned by a field manager.</summary>
    Apply,
}

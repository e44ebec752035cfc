namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>A watch or continue token asked for a revision older than the retained history.</summary>
/// <param name="requested">The requested revision.</param>
/// <param name="oldest">The oldest revision that can still be served.</param>
internal sealed class ResourceVersionTooOldException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})")
{
    public long Requested { get; } = requested;

    public long Oldest { get; } = oldest;
}

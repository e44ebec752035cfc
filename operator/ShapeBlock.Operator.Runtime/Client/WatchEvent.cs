namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>The type of a watch event.</summary>
public enum WatchEventType
{
    /// <summary>An object was created (or listed at the start of a watch).</summary>
    Added,

    /// <summary>An object changed.</summary>
    Modified,

    /// <summary>An object was deleted.</summary>
    Deleted,

    /// <summary>Progress notification: only the resourceVersion is meaningful.</summary>
    Bookmark,
}

/// <summary>One event of a watch stream.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object (for bookmarks, only its metadata.resourceVersion is set).</param>
/// <param name="ResourceVersion">The object's resourceVersion: where to resume.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T Object, string ResourceVersion);

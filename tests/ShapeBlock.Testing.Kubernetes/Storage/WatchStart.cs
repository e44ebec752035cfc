namespace ShapeBlock.Testing.Kubernetes.Storage;

/// <summary>Where a watch starts.</summary>
/// <param name="Revision">Replay history after this revision; null for no replay.</param>
/// <param name="InitialState">Send an ADDED event for every existing object first (when <paramref name="Revision"/> is null).</param>
/// <param name="InitialEventsEndBookmark">Follow the initial state with a bookmark annotated <c>k8s.io/initial-events-end</c>.</param>
internal readonly record struct WatchStart(long? Revision, bool InitialState, bool InitialEventsEndBookmark = false);

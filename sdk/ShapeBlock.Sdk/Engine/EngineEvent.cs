namespace ShapeBlock.Sdk.Engine;

/// <summary>What happened to a resource during <c>up</c> or <c>destroy</c>.</summary>
public enum EngineEventKind
{
    /// <summary>An object was created by server-side apply.</summary>
    Created,

    /// <summary>An object was changed by server-side apply.</summary>
    Updated,

    /// <summary>An object already matched; nothing was written.</summary>
    Unchanged,

    /// <summary>An object was deleted (pruned or destroyed).</summary>
    Deleted,

    /// <summary>An object was left in place (it existed before the stack adopted it).</summary>
    Kept,

    /// <summary>Waiting for something to happen.</summary>
    Waiting,

    /// <summary>A resource reached its goal (Ready, Active, Completed, available, gone).</summary>
    Ready,

    /// <summary>A resource's phase changed (builds).</summary>
    Phase,

    /// <summary>A resource failed or a wait timed out.</summary>
    Failed,

    /// <summary>A line of a build's log (known secret values masked).</summary>
    Log,
}

/// <summary>One progress event; no secret value is ever part of one.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Cluster">The cluster.</param>
/// <param name="Subject">The object key (<c>apps.shapeblock.io/App shop/web</c>) or what is waited for.</param>
/// <param name="Message">One line for people.</param>
public sealed record EngineEvent(EngineEventKind Kind, string Cluster, string Subject, string Message)
{
    /// <summary>The phase, for <see cref="EngineEventKind.Phase"/> and <see cref="EngineEventKind.Ready"/> events.</summary>
    public string? Phase { get; init; }

    /// <summary>The URL of a Ready app.</summary>
    public string? Url { get; init; }
}

/// <summary>Receives progress events (the CLI outputs implement it).</summary>
public interface IEngineReporter
{
    /// <summary>Reports one event. Called from several tasks at once.</summary>
    /// <param name="engineEvent">The event.</param>
    void Report(EngineEvent engineEvent);
}

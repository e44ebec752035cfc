using System.Net;

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>The API server answered with an error <c>Status</c>.</summary>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="reason">The Status reason, e.g. <c>Conflict</c>, <c>NotFound</c>, <c>Invalid</c>.</param>
/// <param name="message">The Status message (never contains request bodies, so no secret values).</param>
public sealed class KubeApiException(HttpStatusCode statusCode, string reason, string message)
    : Exception($"{(int)statusCode} {reason}: {message}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The Status reason.</summary>
    public string Reason { get; } = reason;

    /// <summary>The Status message.</summary>
    public string StatusMessage { get; } = message;

    /// <summary>404: the object does not exist.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 with reason Conflict: a stale resourceVersion.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason != "AlreadyExists";

    /// <summary>409 with reason AlreadyExists.</summary>
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>410: the resourceVersion is too old to watch from.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Reason is "Expired" or "Gone";
}

using System.Net;

namespace ShapeBlock.Sdk.Engine;

/// <summary>The Kubernetes API server refused a request (its <c>Status</c> reason and message, never a request body).</summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="reason">The Status reason (<c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, …).</param>
    /// <param name="message">The server's message.</param>
    public KubeApiException(HttpStatusCode statusCode, string reason, string message)
        : base($"{(int)statusCode} {reason}: {message}")
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>Creates an empty exception (serialization and analyzers).</summary>
    public KubeApiException()
    {
        Reason = "";
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public KubeApiException(string message)
        : base(message)
    {
        Reason = "";
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "";
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status reason.</summary>
    public string Reason { get; }

    /// <summary>404.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 (a conflict or AlreadyExists).</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>410: a watch's resourceVersion is too old.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;

    /// <summary>Worth retrying: 409, 429, 500, 502, 503, 504.</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>An API error: becomes a <c>Status</c> failure response with the same shape a real server sends.</summary>
/// <param name="code">HTTP status code.</param>
/// <param name="reason">Status reason (<c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>…).</param>
/// <param name="message">Human message.</param>
public sealed class ApiException(int code, string reason, string message) : Exception(message)
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>Status reason.</summary>
    public string Reason { get; } = reason;

    /// <summary>details.name.</summary>
    public string? Name { get; init; }

    /// <summary>details.group.</summary>
    public string? Group { get; init; }

    /// <summary>details.kind (a resource plural for most errors, a Kind for Invalid).</summary>
    public string? Kind { get; init; }

    /// <summary>details.causes.</summary>
    public IReadOnlyList<Cause> Causes { get; init; } = [];

    /// <summary>details.retryAfterSeconds, when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The <c>Status</c> object.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        var details = new JsonObject();
        if (Name is not null)
        {
            details["name"] = Name;
        }

        if (!string.IsNullOrEmpty(Group))
        {
            details["group"] = Group;
        }

        if (Kind is not null)
        {
            details["kind"] = Kind;
        }

        if (Causes.Count > 0)
        {
            details["causes"] = new JsonArray([.. Causes.Select(c =>
            {
                var cause = new JsonObject();
                if (c.Reason.Length > 0)
                {
                    cause["reason"] = c.Reason;
                }

                cause["message"] = c.Message;
                if (c.Field is not null)
                {
                    cause["field"] = c.Field;
                }

                return (JsonNode)cause;
            })]);
        }

        if (RetryAfterSeconds is { } retry)
        {
            details["retryAfterSeconds"] = retry;
        }

        if (details.Count > 0)
        {
            status["details"] = details;
        }

        status["code"] = Code;
        return status;
    }

    /// <summary>404 for an object.</summary>
    /// <param name="resource">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The error.</returns>
    public static ApiException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found") { Name = name, Group = resource.Group, Kind = resource.Plural };

    /// <summary>404 for a missing namespace.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The error.</returns>
    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found") { Name = ns, Kind = "namespaces" };

    /// <summary>409 AlreadyExists.</summary>
    /// <param name="resource">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The error.</returns>
    public static ApiException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists") { Name = name, Group = resource.Group, Kind = resource.Plural };

    /// <summary>409 Conflict for a stale resourceVersion.</summary>
    /// <param name="resource">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <param name="detail">Why.</param>
    /// <returns>The error.</returns>
    public static ApiException Conflict(ApiResource resource, string name, string detail = "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": {detail}") { Name = name, Group = resource.Group, Kind = resource.Plural };

    /// <summary>422 Invalid with field causes.</summary>
    /// <param name="resource">Its type.</param>
    /// <param name="name">Its name.</param>
    /// <param name="causes">The field errors.</param>
    /// <returns>The error.</returns>
    public static ApiException Invalid(ApiResource resource, string name, IReadOnlyList<Cause> causes)
    {
        var summary = causes.Count == 1 ? causes[0].FullMessage : "[" + string.Join(", ", causes.Select(c => c.FullMessage)) + "]";
        return new(422, "Invalid", $"{resource.QualifiedKind} \"{name}\" is invalid: {summary}") { Name = name, Group = resource.Group, Kind = resource.Kind, Causes = causes };
    }

    /// <summary>400 BadRequest.</summary>
    /// <param name="message">Why.</param>
    /// <returns>The error.</returns>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>405 MethodNotAllowed.</summary>
    /// <param name="message">Why.</param>
    /// <returns>The error.</returns>
    public static ApiException MethodNotAllowed(string message = "the server does not allow this method on the requested resource") =>
        new(405, "MethodNotAllowed", message);

    /// <summary>410 Expired (a too old resourceVersion or continue token).</summary>
    /// <param name="message">Why.</param>
    /// <returns>The error.</returns>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>500 InternalError.</summary>
    /// <param name="message">Why.</param>
    /// <returns>The error.</returns>
    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}") { Causes = [new Cause("", message, null)] };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>Writes JSON bodies, Status errors and warning headers.</summary>
internal static class HttpResponses
{
    public const string Json = "application/json";

    public static async Task WriteBytesAsync(HttpContext context, int code, byte[] body, string contentType = Json)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteNodeAsync(HttpContext context, int code, JsonNode node, string contentType = Json) =>
        WriteBytesAsync(context, code, JsonSerializer.SerializeToUtf8Bytes(node, JsonContext.Relaxed.JsonNode), contentType);

    public static Task WriteObjectAsync(HttpContext context, int code, StoredObject obj) => WriteBytesAsync(context, code, obj.Utf8Json);

    public static Task WriteErrorAsync(HttpContext context, ApiException error) => WriteNodeAsync(context, error.Code, error.ToStatus());

    public static Task WriteSuccessAsync(HttpContext context, int code, JsonObject? details = null)
    {
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return WriteNodeAsync(context, code, status);
    }

    public static void AddWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }
}

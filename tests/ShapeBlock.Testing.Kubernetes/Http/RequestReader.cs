using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Selectors;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>Reads request bodies and query parameters into the API's option types.</summary>
internal static class RequestReader
{
    public static async Task<string> BodyTextAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<JsonObject> BodyObjectAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "application/json";
        if (contentType.Contains("protobuf", StringComparison.Ordinal))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            return ProtobufBody.Decode(buffer.ToArray());
        }

        try
        {
            // JSON is parsed from the UTF-8 bytes as they arrive (no string of the body in between).
            var node = contentType.Contains("yaml", StringComparison.Ordinal)
                ? YamlJson.Parse(await BodyTextAsync(context).ConfigureAwait(false))
                : await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return node as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding request body: {e.Message}");
        }
    }

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public static bool Flag(HttpContext context, string name) => Query(context, name) is "true" or "1";

    public static int Int(HttpContext context, string name) =>
        int.TryParse(Query(context, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static WriteOptions WriteOptions(HttpContext context, string defaultManager) => new()
    {
        FieldManager = Query(context, "fieldManager") ?? defaultManager,
        DryRun = Query(context, "dryRun") == "All",
        Force = Flag(context, "force"),
        FieldValidation = Query(context, "fieldValidation") switch
        {
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            _ => FieldValidation.Warn,
        },
    };

    /// <summary>The manager a real server derives from the User-Agent when no fieldManager is given.</summary>
    public static string ManagerFromUserAgent(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
    }

    public static async Task<Semantics.DeleteOptions> DeleteOptionsAsync(HttpContext context)
    {
        JsonObject? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var text = await BodyTextAsync(context).ConfigureAwait(false);
            if (text.Trim().Length > 0)
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
        }

        var orphan = body?["orphanDependents"]?.GetValue<bool>() ?? (Query(context, "orphanDependents") is { } o ? o == "true" : (bool?)null);
        var propagation = body?["propagationPolicy"]?.GetValue<string>() ?? Query(context, "propagationPolicy") ?? orphan switch
        {
            true => "Orphan",
            false => "Background",
            null => null,
        };
        var dryRun = body?["dryRun"] is JsonArray d && d.Any(x => x?.GetValue<string>() == "All") || Query(context, "dryRun") == "All";
        return new Semantics.DeleteOptions
        {
            PropagationPolicy = propagation,
            PreconditionUid = body?["preconditions"]?["uid"]?.GetValue<string>(),
            PreconditionResourceVersion = body?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            DryRun = dryRun,
        };
    }

    public static (LabelSelector Labels, FieldSelector Fields) Selectors(HttpContext context, ApiResource resource)
    {
        try
        {
            return (LabelSelector.Parse(Query(context, "labelSelector")), FieldSelector.Parse(Query(context, "fieldSelector"), resource.Key));
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"unable to parse requirement: {e.Message}");
        }
    }
}

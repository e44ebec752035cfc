using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>Answers <c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c> (server-side printing for kubectl).</summary>
internal sealed class TableWriter(TimeProvider time)
{
    public const string ContentType = "application/json;as=Table;g=meta.k8s.io;v=v1";

    public static bool Wants(HttpContext context) => context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    public Task WriteAsync(HttpContext context, ApiResource resource, IReadOnlyList<StoredObject> items, long resourceVersion, string? continueToken) =>
        HttpResponses.WriteNodeAsync(context, 200, Table(resource, items, resourceVersion, continueToken, RequestReader.Query(context, "includeObject")), ContentType);

    public JsonObject Table(ApiResource resource, IReadOnlyList<StoredObject> items, long resourceVersion, string? continueToken, string? includeObject)
    {
        var columns = TableColumns.For(resource);
        var now = time.GetUtcNow();
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var obj = item.ToJson();
            var row = new JsonObject
            {
                ["cells"] = new JsonArray([.. columns.Select(c => Node(c.Value(obj, now)))]),
            };
            if (includeObject == "Object")
            {
                row["object"] = obj;
            }
            else if (includeObject != "None")
            {
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            })]),
            ["rows"] = rows,
        };
    }

    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        JsonNode n => n.DeepClone(),
        _ => JsonValue.Create(value.ToString()),
    };
}

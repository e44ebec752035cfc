using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>
/// A minimal OpenAPI v3: the index (<c>/openapi/v3</c>) and one document per group-version with a PATCH
/// operation per kind that declares the <c>fieldValidation</c> parameter (so kubectl's default
/// <c>--validate=strict</c> leaves validation to the server) and the schemas of custom resources
/// (what <c>kubectl explain</c> reads). Built-in schemas are not served.
/// </summary>
internal sealed class OpenApiHandler(ResourceRegistry registry)
{
    public async Task<bool> TryHandleAsync(HttpContext context, string path)
    {
        if (path is "/openapi/v3" or "/openapi/v3/")
        {
            var paths = new JsonObject();
            foreach (var gv in registry.All.Select(r => r.ApiVersion).Distinct())
            {
                var key = gv.Contains('/', StringComparison.Ordinal) ? $"apis/{gv}" : $"api/{gv}";
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(gv)}" };
            }

            await HttpResponses.WriteNodeAsync(context, 200, new JsonObject { ["paths"] = paths }).ConfigureAwait(false);
            return true;
        }

        if (!path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path["/openapi/v3/".Length..].Trim('/').Split('/');
        var (group, version) = rest switch
        {
            ["api", var v] => ("", v),
            ["apis", var g, var v] => (g, v),
            _ => (null, null),
        };
        var resources = registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (group is null || resources.Count == 0)
        {
            return false;
        }

        await HttpResponses.WriteNodeAsync(context, 200, Document(resources)).ConfigureAwait(false);
        return true;
    }

    private string Hash(string groupVersion) =>
        $"{registry.Generation.ToString(CultureInfo.InvariantCulture)}{Math.Abs(groupVersion.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture)}";

    private static JsonObject Document(IReadOnlyList<ApiResource> resources)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var r in resources)
        {
            var prefix = r.Group.Length == 0 ? $"/api/{r.Version}" : $"/apis/{r.Group}/{r.Version}";
            var item = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}/{{name}}" : $"{prefix}/{r.Plural}/{{name}}";
            var gvk = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind };
            var schemaName = SchemaName(r);
            paths[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{r.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
                    ["parameters"] = new JsonArray(
                        Query("dryRun"),
                        Query("fieldManager"),
                        Query("fieldValidation"),
                        Query("force")),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "OK",
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } } },
                        },
                    },
                },
            };
            var schema = r.Schema?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk);
            schemas[schemaName] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static string SchemaName(ApiResource r)
    {
        var group = r.Group.Length == 0 ? "io.k8s.api.core" : string.Join('.', r.Group.Split('.').Reverse());
        return $"{group}.{r.Version}.{r.Kind}";
    }
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>get, list, create, update (and status), delete and deletecollection.</summary>
internal sealed class CrudHandler(ObjectApi api, TableWriter tables)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info, ApiResource resource)
    {
        if (info.Subresource is not null && !(info.Subresource == "status" && resource.HasStatus))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        var ns = resource.Namespaced ? info.Namespace : null;
        switch (info.Verb)
        {
            case "get":
                var obj = api.Get(resource, ns, info.Name!);
                if (TableWriter.Wants(context))
                {
                    await tables.WriteAsync(context, resource, [obj], obj.ResourceVersion, null).ConfigureAwait(false);
                    return;
                }

                await HttpResponses.WriteObjectAsync(context, 200, obj).ConfigureAwait(false);
                return;
            case "list":
                await ListAsync(context, resource, ns).ConfigureAwait(false);
                return;
            case "create" when info.Name is null:
                if (resource.Namespaced && ns is null)
                {
                    throw MethodNotAllowed();
                }

                var body = await RequestReader.BodyObjectAsync(context).ConfigureAwait(false);
                var created = api.CreateOwned(resource, ns, body, RequestReader.WriteOptions(context, RequestReader.ManagerFromUserAgent(context)));
                HttpResponses.AddWarnings(context, created.Warnings);
                await HttpResponses.WriteObjectAsync(context, 201, created.Object).ConfigureAwait(false);
                return;
            case "update" when info.Name is not null:
                var replacement = await RequestReader.BodyObjectAsync(context).ConfigureAwait(false);
                var updated = api.UpdateOwned(resource, ns, info.Name, replacement, RequestReader.WriteOptions(context, RequestReader.ManagerFromUserAgent(context)), info.Subresource);
                HttpResponses.AddWarnings(context, updated.Warnings);
                await HttpResponses.WriteObjectAsync(context, updated.Created ? 201 : 200, updated.Object).ConfigureAwait(false);
                return;
            case "delete" when info.Subresource is null:
                var deleted = api.Delete(resource, ns, info.Name!, await RequestReader.DeleteOptionsAsync(context).ConfigureAwait(false));
                if (deleted.Removed && !resource.IsCustom && resource.Plural is not ("pods" or "namespaces"))
                {
                    await HttpResponses.WriteSuccessAsync(context, 200, new JsonObject
                    {
                        ["name"] = deleted.Object.Name,
                        ["group"] = resource.Group,
                        ["kind"] = resource.Plural,
                        ["uid"] = deleted.Object.Uid,
                    }).ConfigureAwait(false);
                    return;
                }

                await HttpResponses.WriteObjectAsync(context, 200, deleted.Object).ConfigureAwait(false);
                return;
            case "deletecollection" when info.Subresource is null:
                var (labels, fields) = RequestReader.Selectors(context, resource);
                var options = await RequestReader.DeleteOptionsAsync(context).ConfigureAwait(false);
                var results = api.DeleteCollection(resource, ns, labels, fields, options);
                await WriteListAsync(context, resource, new ListResult(results, api.Store.ResourceVersion, null, null)).ConfigureAwait(false);
                return;
            default:
                throw MethodNotAllowed();
        }
    }

    private async Task ListAsync(HttpContext context, ApiResource resource, string? ns)
    {
        var (labels, fields) = RequestReader.Selectors(context, resource);
        var result = api.List(resource, ns, labels, fields, RequestReader.Int(context, "limit"), RequestReader.Query(context, "continue"));
        if (TableWriter.Wants(context))
        {
            await tables.WriteAsync(context, resource, result.Items, result.ResourceVersion, result.Continue).ConfigureAwait(false);
            return;
        }

        await WriteListAsync(context, resource, result).ConfigureAwait(false);
    }

    public static async Task WriteListAsync(HttpContext context, ApiResource resource, ListResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(4096 + result.Items.Sum(i => i.Utf8Json.Length + 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", resource.ListKind);
            writer.WriteString("apiVersion", resource.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", result.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (result.Continue is not null)
            {
                writer.WriteString("continue", result.Continue);
            }

            if (result.RemainingItemCount is { } remaining)
            {
                writer.WriteNumber("remainingItemCount", remaining);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in result.Items)
            {
                writer.WriteRawValue(item.Utf8Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await HttpResponses.WriteBytesAsync(context, 200, buffer.WrittenSpan.ToArray()).ConfigureAwait(false);
    }

    private static ApiException MethodNotAllowed() => ApiException.MethodNotAllowed();
}

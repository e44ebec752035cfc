using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>PATCH: merge, JSON, strategic merge and apply patches, on objects and their status.</summary>
internal sealed class PatchHandler(ObjectApi api)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info, ApiResource resource)
    {
        if (info.Name is null || info.Subresource is not null && !(info.Subresource == "status" && resource.HasStatus))
        {
            throw ApiException.MethodNotAllowed();
        }

        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        var type = contentType switch
        {
            "application/merge-patch+json" => PatchType.Merge,
            "application/json-patch+json" => PatchType.Json,
            "application/strategic-merge-patch+json" => PatchType.Strategic,
            "application/apply-patch+yaml" => PatchType.Apply,
            _ => throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(resource.IsCustom ? "" : ", application/strategic-merge-patch+json")}"),
        };
        var manager = RequestReader.Query(context, "fieldManager");
        if (type == PatchType.Apply && string.IsNullOrEmpty(manager))
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
            {
                Kind = "PatchOptions",
                Group = "meta.k8s.io",
                Causes = [Cause.Required("fieldManager", "is required for apply patch")],
            };
        }

        var body = await RequestReader.BodyTextAsync(context).ConfigureAwait(false);
        var options = RequestReader.WriteOptions(context, RequestReader.ManagerFromUserAgent(context));
        var result = api.Patch(resource, resource.Namespaced ? info.Namespace : null, info.Name, type, body, options, info.Subresource);
        HttpResponses.AddWarnings(context, result.Warnings);
        await HttpResponses.WriteObjectAsync(context, result.Created ? 201 : 200, result.Object).ConfigureAwait(false);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Testing.Kubernetes.Patching;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>The patch formats the server accepts.</summary>
public enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,

    /// <summary><c>application/strategic-merge-patch+json</c> (built-ins; see <see cref="StrategicMergePatch"/>).</summary>
    Strategic,

    /// <summary><c>application/apply-patch+yaml</c> (server-side apply; see <see cref="ServerSideApply"/>).</summary>
    Apply,
}

public sealed partial class ObjectApi
{
    /// <summary>Patches an object (PATCH); an apply patch creates the object when it does not exist.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace (null for cluster-scoped).</param>
    /// <param name="name">Name.</param>
    /// <param name="type">Patch format.</param>
    /// <param name="body">The patch text (JSON, or YAML for apply).</param>
    /// <param name="options">Write options (apply needs a field manager).</param>
    /// <param name="subresource">Null, or <c>status</c>.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ApiException">404, 409, 415 (strategic merge on a custom resource), 422 (invalid or patch does not apply), 400.</exception>
    public WriteResult Patch(ApiResource resource, string? ns, string name, PatchType type, string body, WriteOptions? options = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(body);
        options ??= WriteOptions.Default;
        var patch = ParsePatch(type, body);
        if (type == PatchType.Strategic && resource.IsCustom && !StrategicMergeOnCustomResources)
        {
            throw new ApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        lock (store.Sync)
        {
            var current = store.Get(resource.Key, resource.Namespaced ? ns : null, name);
            if (type == PatchType.Apply)
            {
                return ApplyCore(resource, ns, name, (JsonObject)patch, options, subresource, current);
            }

            if (current is null)
            {
                throw ApiException.NotFound(resource, name);
            }

            var live = current.ToJson();
            JsonNode? patched;
            try
            {
                patched = type switch
                {
                    PatchType.Merge => MergePatch.Apply(live, patch),
                    PatchType.Json => JsonPatch.Apply(live, patch as JsonArray ?? throw new PatchException("json patch must be an array of operations")),
                    _ when resource.IsCustom => MergePatch.Apply(live, patch),
                    _ => StrategicMergePatch.Apply(live, patch),
                };
            }
            catch (PatchException e)
            {
                throw new ApiException(422, "Invalid", "the server rejected our request due to an error in our request")
                {
                    Causes = [new Cause("UnexpectedServerResponse", e.Message, null)],
                };
            }

            if (patched is not JsonObject patchedObject)
            {
                throw ApiException.BadRequest("the patch did not produce an object");
            }

            return UpdateCore(resource, current, patchedObject, options, subresource, requireResourceVersion: false, "Update", null);
        }
    }

    private WriteResult ApplyCore(ApiResource resource, string? ns, string name, JsonObject applied, WriteOptions options, string? subresource, Storage.StoredObject? current)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        if (applied["apiVersion"] is null || applied["kind"] is null)
        {
            throw ApiException.BadRequest("apiVersion and kind must be set in an apply patch");
        }

        var appliedName = Meta.Name(applied);
        if (appliedName.Length > 0 && appliedName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        }

        Meta.Of(applied)["name"] = name;
        var fieldSet = ServerSideApply.FieldSet(applied, resource.Schema, resource.IsCustom);
        if (current is null)
        {
            if (subresource is not null)
            {
                throw ApiException.NotFound(resource, name);
            }

            Meta.Of(applied).Remove("resourceVersion");
            return CreateCore(resource, ns, applied, options, "Apply", fieldSet);
        }

        var live = current.ToJson();
        var previous = ManagedFields.AppliedBy(live, options.FieldManager, subresource);
        var merged = ServerSideApply.Merge(live, applied, resource.Schema, resource.IsCustom);
        if (previous is not null)
        {
            ServerSideApply.RemoveDropped(merged, previous, [fieldSet, .. ManagedFields.AppliedByOthers(live, options.FieldManager)]);
        }

        // Apply carries no resourceVersion precondition unless the configuration sets one.
        Meta.Of(merged)["resourceVersion"] = Meta.Str(applied, "resourceVersion") ?? Meta.Str(live, "resourceVersion");
        return UpdateCore(resource, current, merged, options, subresource, requireResourceVersion: false, "Apply", fieldSet);
    }

    private static JsonNode ParsePatch(PatchType type, string body)
    {
        try
        {
            var node = type == PatchType.Apply ? YamlJson.Parse(body) : JsonNode.Parse(body);
            return type == PatchType.Json
                ? node as JsonArray ?? throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
                : node as JsonObject ?? throw ApiException.BadRequest("the patch must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding patch: {e.Message}");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiException.BadRequest($"error decoding YAML: {e.Message}");
        }
    }
}

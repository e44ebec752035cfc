using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Patching;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

public sealed partial class ObjectApi
{
    private static readonly string[] ServerOwnedMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields", "name", "namespace"];

    /// <summary>Replaces an object (PUT), or only its status when <paramref name="subresource"/> is <c>status</c>.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace (null for cluster-scoped).</param>
    /// <param name="name">Name from the path.</param>
    /// <param name="body">The object with the resourceVersion it was read at (not modified).</param>
    /// <param name="options">Write options.</param>
    /// <param name="subresource">Null, or <c>status</c>.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ApiException">404, 409 stale resourceVersion, 422 invalid, 400 name mismatch.</exception>
    public WriteResult Update(ApiResource resource, string? ns, string name, JsonObject body, WriteOptions? options = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return UpdateOwned(resource, ns, name, (JsonObject)body.DeepClone(), options, subresource);
    }

    /// <summary><see cref="Update"/> of a body nobody else holds (a request's, parsed for this call): it is changed in place instead of copied.</summary>
    internal WriteResult UpdateOwned(ApiResource resource, string? ns, string name, JsonObject body, WriteOptions? options = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(body);
        options ??= WriteOptions.Default;
        lock (store.Sync)
        {
            var current = store.Get(resource.Key, resource.Namespaced ? ns : null, name);
            if (current is null)
            {
                if (subresource is null && BuiltInAdmission.CreatesOnUpdate(resource))
                {
                    Meta.Of(body).Remove("resourceVersion");
                    return CreateCore(resource, ns, body, options, "Update", null);
                }

                throw ApiException.NotFound(resource, name);
            }

            return UpdateCore(resource, current, body, options, subresource, requireResourceVersion: true, "Update", null);
        }
    }

    /// <summary>Reads an object, changes a copy and writes it back with full update semantics (no conflicts: it holds the store lock).</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace (null for cluster-scoped).</param>
    /// <param name="name">Name.</param>
    /// <param name="change">Changes the copy.</param>
    /// <param name="options">Write options (the field manager names the writer).</param>
    /// <param name="subresource">Null, or <c>status</c>.</param>
    /// <returns>The stored object.</returns>
    public WriteResult Mutate(ApiResource resource, string? ns, string name, Action<JsonObject> change, WriteOptions? options = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(change);
        lock (store.Sync)
        {
            var current = Get(resource, ns, name);
            var copy = current.ToJson();
            change(copy);
            // Controllers re-write what they already wrote on most events. The copy serialising to the stored bytes
            // means nothing changed: what the full update would find after all its work, without the work.
            if (JsonSerializer.SerializeToUtf8Bytes(copy, JsonContext.Relaxed.JsonObject).AsSpan().SequenceEqual(current.Utf8Json))
            {
                return new WriteResult(current, []);
            }

            return UpdateCore(resource, current, copy, options ?? WriteOptions.Default, subresource, requireResourceVersion: false, "Update", null);
        }
    }

    private WriteResult UpdateCore(ApiResource resource, StoredObject current, JsonObject incoming, WriteOptions options, string? subresource, bool requireResourceVersion, string operation, JsonObject? fieldsV1)
    {
        var old = current.ToJson();
        CheckTypeMeta(resource, incoming);
        var metadata = Meta.Of(incoming);
        var incomingName = Meta.Name(incoming);
        if (incomingName.Length > 0 && incomingName != current.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({incomingName}) does not match the name on the URL ({current.Name})");
        }

        if (resource.Namespaced && Meta.Namespace(incoming) is { } incomingNs && incomingNs != current.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var currentVersion = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        var incomingVersion = Meta.Str(incoming, "resourceVersion");
        if (incomingVersion is { Length: > 0 } && incomingVersion != currentVersion)
        {
            throw ApiException.Conflict(resource, current.Name);
        }

        if (string.IsNullOrEmpty(incomingVersion) && requireResourceVersion && resource.IsCustom)
        {
            throw ApiException.Invalid(resource, current.Name, [Cause.Invalid("metadata.resourceVersion", "0x0", "must be specified for an update")]);
        }

        JsonObject next;
        if (subresource == "status")
        {
            next = (JsonObject)old.DeepClone();
            if (incoming["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }
        else
        {
            next = incoming;
            if (resource.HasStatus)
            {
                next["status"] = old["status"]?.DeepClone();
                if (next["status"] is null)
                {
                    next.Remove("status");
                }
            }

            foreach (var field in ServerOwnedMetadata)
            {
                if (old["metadata"]?[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(field);
                }
            }
        }

        Meta.Of(next)["resourceVersion"] = currentVersion;
        if (current.IsTerminating && Meta.Finalizers(next).Except(current.Finalizers).ToList() is { Count: > 0 } added)
        {
            throw ApiException.Invalid(resource, current.Name, [Cause.Forbidden("metadata.finalizers",
                $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}")]);
        }

        BuiltInAdmission.OnUpdate(resource, old, next);
        // A status write keeps the stored spec and metadata (validated when stored): only the status is walked.
        var (validated, warnings) = subresource == "status"
            ? CustomResourceValidation.ValidateStatus(resource, next, old, options.FieldValidation)
            : CustomResourceValidation.Validate(resource, next, old, options.FieldValidation);
        if (subresource is null && BuiltInAdmission.TracksGeneration(resource) && SpecChanged(resource, old, validated))
        {
            var generation = old["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            Meta.Of(validated)["generation"] = generation + 1;
        }

        // A write that changes nothing is not stored (no new resourceVersion, no watch event), as on a real server.
        if (fieldsV1 is null && JsonNode.DeepEquals(validated, old))
        {
            return new WriteResult(current, warnings);
        }

        ManagedFields.Record(validated, options.FieldManager, operation, resource.ApiVersion, time.GetUtcNow(), fieldsV1, subresource);
        if (fieldsV1 is not null && JsonNode.DeepEquals(WithoutTimes(validated), WithoutTimes(old)))
        {
            return new WriteResult(current, warnings);
        }
        if (options.DryRun)
        {
            return new WriteResult(StoredObject.From(resource.Key, validated), warnings);
        }

        var stored = store.Put(resource.Key, validated);
        if (stored.IsTerminating && stored.Finalizers.Count == 0 && !HasNamespaceFinalizers(resource, validated))
        {
            var removed = store.Remove(stored);
            AfterRemove(resource, removed);
            return new WriteResult(stored, warnings);
        }

        AfterCommit(resource, stored);
        return new WriteResult(stored, warnings);
    }

    private static JsonObject WithoutTimes(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        foreach (var entry in (copy["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>())
        {
            entry.Remove("time");
        }

        return copy;
    }

    /// <summary>Whether anything but metadata (and status, when it is a subresource) differs; compared in place, without copies.</summary>
    private static bool SpecChanged(ApiResource resource, JsonObject old, JsonObject next)
    {
        bool Ignored(string property) => property == "metadata" || (resource.HasStatus && property == "status");
        var compared = 0;
        foreach (var (property, value) in next)
        {
            if (Ignored(property))
            {
                continue;
            }

            if (!old.TryGetPropertyValue(property, out var before) || !JsonNode.DeepEquals(before, value))
            {
                return true;
            }

            compared++;
        }

        return old.Count(p => !Ignored(p.Key)) != compared;
    }

    private static bool HasNamespaceFinalizers(ApiResource resource, JsonObject obj) =>
        resource.Key == new ResourceKey("", "namespaces") && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };
}

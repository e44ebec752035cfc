using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Patching;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

public sealed partial class ObjectApi
{
    private static readonly string[] ClientImmutableMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink"];

    /// <summary>Creates an object (POST).</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace from the path; null to take metadata.namespace.</param>
    /// <param name="body">The object (not modified).</param>
    /// <param name="options">Write options.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ApiException">404 namespace, 403 terminating namespace, 409 exists, 422 invalid, 400 bad request.</exception>
    public WriteResult Create(ApiResource resource, string? ns, JsonObject body, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CreateOwned(resource, ns, (JsonObject)body.DeepClone(), options);
    }

    /// <summary><see cref="Create"/> of an object nobody else holds (a request's body, or one built for this call): it is stored without a copy.</summary>
    internal WriteResult CreateOwned(ApiResource resource, string? ns, JsonObject obj, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        options ??= WriteOptions.Default;
        if (Meta.Str(obj, "resourceVersion") is { Length: > 0 })
        {
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        lock (store.Sync)
        {
            return CreateCore(resource, ns, obj, options, "Update", null);
        }
    }

    private WriteResult CreateCore(ApiResource resource, string? ns, JsonObject obj, WriteOptions options, string operation, JsonObject? fieldsV1)
    {
        CheckTypeMeta(resource, obj);
        var metadata = Meta.Of(obj);
        ns = ResolveNamespace(resource, ns, obj);
        var name = Meta.Name(obj);
        if (name.Length == 0)
        {
            var prefix = Meta.Str(obj, "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiException.Invalid(resource, "", [Cause.Required("metadata.name", "name or generateName is required")]);
            }

            do
            {
                name = prefix + NameValidation.RandomSuffix();
            }
            while (store.Get(resource.Key, ns, name) is not null);
            metadata["name"] = name;
        }

        if (NameValidation.Check(resource, name) is { } invalidName)
        {
            throw ApiException.Invalid(resource, name, [invalidName]);
        }

        CheckNamespaceWritable(resource, ns, name);
        if (store.Get(resource.Key, ns, name) is not null)
        {
            throw ApiException.AlreadyExists(resource, name);
        }

        foreach (var field in ClientImmutableMetadata)
        {
            metadata.Remove(field);
        }

        var uid = Guid.NewGuid().ToString();
        metadata["uid"] = uid;
        metadata["creationTimestamp"] = Now();
        if (BuiltInAdmission.TracksGeneration(resource))
        {
            metadata["generation"] = 1;
        }

        if (!BuiltInAdmission.KeepsStatusOnCreate(resource))
        {
            obj.Remove("status");
        }

        BuiltInAdmission.OnCreate(resource, obj, uid);
        var (validated, warnings) = CustomResourceValidation.Validate(resource, obj, null, options.FieldValidation);
        ManagedFields.Record(validated, options.FieldManager, operation, resource.ApiVersion, time.GetUtcNow(), fieldsV1, null);
        if (options.DryRun)
        {
            return new WriteResult(StoredObject.From(resource.Key, validated), warnings, Created: true);
        }

        var stored = store.Put(resource.Key, validated);
        AfterCommit(resource, stored);
        return new WriteResult(stored, warnings, Created: true);
    }

    private static string? ResolveNamespace(ApiResource resource, string? ns, JsonObject obj)
    {
        var metadata = Meta.Of(obj);
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
            return null;
        }

        var bodyNs = Meta.Namespace(obj);
        if (ns is not null && bodyNs is not null && ns != bodyNs)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var resolved = ns ?? bodyNs ?? throw ApiException.BadRequest("the namespace of the object is required (metadata.namespace)");
        metadata["namespace"] = resolved;
        return resolved;
    }

    private void AfterCommit(ApiResource resource, StoredObject stored)
    {
        if (resource.Key == new ResourceKey("apiextensions.k8s.io", "customresourcedefinitions") && !stored.IsTerminating)
        {
            registry.RegisterCrd(stored.ToJson());
        }
    }

    private void AfterRemove(ApiResource resource, StoredObject removed)
    {
        if (resource.Key == new ResourceKey("apiextensions.k8s.io", "customresourcedefinitions") &&
            removed.ToJson()["spec"] is JsonObject spec &&
            spec["group"]?.GetValue<string>() is { } group &&
            spec["names"]?["plural"]?.GetValue<string>() is { } plural)
        {
            registry.Unregister(new ResourceKey(group, plural));
        }
    }
}

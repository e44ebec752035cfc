using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Selectors;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>
/// The API semantics over the store: create, get, list, update (and status), patch, delete and
/// deletecollection, as the HTTP handlers, the garbage collector, the simulators and tests use them.
/// Every method raises <see cref="ApiException"/> with the status a real API server would return.
/// </summary>
public sealed partial class ObjectApi
{
    private readonly ObjectStore store;
    private readonly ResourceRegistry registry;
    private readonly TimeProvider time;

    /// <summary>Creates the API over a store and registry.</summary>
    /// <param name="store">The object store.</param>
    /// <param name="registry">The served resource types.</param>
    /// <param name="time">The clock (timestamps, deletion times).</param>
    public ObjectApi(ObjectStore store, ResourceRegistry registry, TimeProvider time)
    {
        this.store = store;
        this.registry = registry;
        this.time = time;
    }

    /// <summary>How strategic merge patches of custom resources are handled (a real server rejects them with 415).</summary>
    public bool StrategicMergeOnCustomResources { get; set; }

    /// <summary>The store underneath.</summary>
    public ObjectStore Store => store;

    /// <summary>The served resource types.</summary>
    public ResourceRegistry Registry => registry;

    /// <summary>Gets an object.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace (null for cluster-scoped).</param>
    /// <param name="name">Name.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ApiException">404 when missing.</exception>
    public StoredObject Get(ApiResource resource, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return store.Get(resource.Key, resource.Namespaced ? ns : null, name) ?? throw ApiException.NotFound(resource, name);
    }

    /// <summary>Gets an object, or null.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace (null for cluster-scoped).</param>
    /// <param name="name">Name.</param>
    /// <returns>The object or null.</returns>
    public StoredObject? TryGet(ApiResource resource, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return store.Get(resource.Key, resource.Namespaced ? ns : null, name);
    }

    /// <summary>Lists objects with selectors and pagination.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="labels">Label selector.</param>
    /// <param name="fields">Field selector.</param>
    /// <param name="limit">Page size; 0 for everything.</param>
    /// <param name="continueToken">Token from the previous page.</param>
    /// <returns>The page.</returns>
    public ListResult List(ApiResource resource, string? ns, LabelSelector? labels = null, FieldSelector? fields = null, int limit = 0, string? continueToken = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var (revision, after) = continueToken is { Length: > 0 } ? ParseContinue(continueToken) : (0L, (string?)null);
        lock (store.Sync)
        {
            if (after is not null && revision < store.CompactedRevision(resource.Key))
            {
                throw ApiException.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }

            var listRevision = after is null ? store.ResourceVersion : revision;
            var matching = store.List(resource.Key, resource.Namespaced ? ns : null)
                .Where(o => after is null || string.CompareOrdinal(o.StorageKey, after) > 0)
                .Where(o => (labels is null || labels.Matches(o.Labels)) && (fields is null || fields.Matches(o)))
                .ToList();
            if (limit <= 0 || matching.Count <= limit)
            {
                return new ListResult(matching, listRevision, null, null);
            }

            var page = matching.Take(limit).ToList();
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listRevision.ToString(CultureInfo.InvariantCulture)}|{page[^1].StorageKey}"));
            return new ListResult(page, listRevision, token, matching.Count - limit);
        }
    }

    /// <summary>Finds a served resource by apiVersion and kind.</summary>
    /// <param name="apiVersion">E.g. <c>batch/v1</c>.</param>
    /// <param name="kind">E.g. <c>Job</c>.</param>
    /// <returns>The resource.</returns>
    /// <exception cref="ApiException">404 when the type is not served.</exception>
    public ApiResource Resource(string apiVersion, string kind) =>
        registry.FindByKind(apiVersion, kind) ?? throw new ApiException(404, "NotFound", $"the server could not find the requested resource (kind {kind} in {apiVersion})");

    private static (long Revision, string After) ParseContinue(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return (long.Parse(text[..bar], CultureInfo.InvariantCulture), text[(bar + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw ApiException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    private void CheckNamespaceWritable(ApiResource resource, string? ns, string name)
    {
        if (!resource.Namespaced)
        {
            return;
        }

        var nsObject = store.Get(new ResourceKey("", "namespaces"), null, ns!) ?? throw ApiException.NamespaceNotFound(ns!);
        if (nsObject.IsTerminating)
        {
            throw new ApiException(403, "Forbidden", $"{resource.QualifiedName} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated")
            {
                Name = name,
                Group = resource.Group,
                Kind = resource.Plural,
                Causes = [new Cause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")],
            };
        }
    }

    private static void CheckTypeMeta(ApiResource resource, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        if (apiVersion is { Length: > 0 } && apiVersion != resource.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.ApiVersion})");
        }

        if (kind is { Length: > 0 } && kind != resource.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind})");
        }

        obj["apiVersion"] = resource.ApiVersion;
        obj["kind"] = resource.Kind;
    }

    private string Now() => Meta.Timestamp(time.GetUtcNow());
}

/// <summary>One page of a list.</summary>
/// <param name="Items">The objects, ordered by namespace and name.</param>
/// <param name="ResourceVersion">The list's resourceVersion (where a watch continues).</param>
/// <param name="Continue">Token for the next page, or null.</param>
/// <param name="RemainingItemCount">Items after this page, when paginated.</param>
public sealed record ListResult(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);

/// <summary>The outcome of a delete.</summary>
/// <param name="Object">The final state (removed), or the object marked for deletion.</param>
/// <param name="Removed">True when the object is gone; false when it waits for finalizers.</param>
public sealed record DeleteResult(StoredObject Object, bool Removed);

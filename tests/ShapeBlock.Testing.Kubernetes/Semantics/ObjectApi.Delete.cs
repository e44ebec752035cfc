using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Selectors;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

public sealed partial class ObjectApi
{
    /// <summary>Finalizer that makes the garbage collector delete dependents before the owner (foreground deletion).</summary>
    public const string ForegroundDeletion = "foregroundDeletion";

    private static readonly string[] ProtectedNamespaces = ["default", "kube-system", "kube-public"];

    /// <summary>Deletes an object. With finalizers (or foreground propagation, or a Namespace) it is only marked
    /// (<c>deletionTimestamp</c>) and removed when the last finalizer goes; deleting a marked object again is a no-op.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace (null for cluster-scoped).</param>
    /// <param name="name">Name.</param>
    /// <param name="options">Propagation and preconditions.</param>
    /// <returns>The final or marked object.</returns>
    /// <exception cref="ApiException">404, 409 failed precondition, 403 protected namespace.</exception>
    public DeleteResult Delete(ApiResource resource, string? ns, string name, DeleteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= DeleteOptions.Default;
        lock (store.Sync)
        {
            var current = Get(resource, ns, name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != current.Uid)
            {
                throw ApiException.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            }

            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(resource, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.ResourceVersion}");
            }

            var isNamespace = resource.Key == new ResourceKey("", "namespaces");
            if (isNamespace && ProtectedNamespaces.Contains(name))
            {
                throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted") { Name = name, Kind = "namespaces" };
            }

            if (current.IsTerminating || options.DryRun)
            {
                return new DeleteResult(current, Removed: false);
            }

            var policy = options.PropagationPolicy ?? DefaultPropagation(resource);
            var dependents = store.DependentsOf(current.Uid);
            if (policy == "Orphan")
            {
                foreach (var dependent in dependents)
                {
                    Orphan(dependent, current.Uid);
                }
            }

            var finalizers = current.Finalizers.ToList();
            if (policy == "Foreground" && dependents.Count > 0)
            {
                finalizers.Add(ForegroundDeletion);
            }

            if (finalizers.Count > 0 || isNamespace)
            {
                var marked = current.ToJson();
                var metadata = Meta.Of(marked);
                metadata["deletionTimestamp"] = Now();
                metadata["deletionGracePeriodSeconds"] = 0;
                Meta.SetFinalizers(marked, finalizers);
                if (isNamespace)
                {
                    marked["status"] = new JsonObject { ["phase"] = "Terminating" };
                }

                return new DeleteResult(store.Put(resource.Key, marked), Removed: false);
            }

            var removed = store.Remove(current);
            AfterRemove(resource, removed);
            return new DeleteResult(removed, Removed: true);
        }
    }

    /// <summary>Deletes every object that matches the selectors (DELETE on a collection).</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="labels">Label selector.</param>
    /// <param name="fields">Field selector.</param>
    /// <param name="options">Propagation.</param>
    /// <returns>The final or marked objects.</returns>
    public IReadOnlyList<StoredObject> DeleteCollection(ApiResource resource, string? ns, LabelSelector? labels, FieldSelector? fields, DeleteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var results = new List<StoredObject>();
        foreach (var obj in List(resource, ns, labels, fields).Items)
        {
            try
            {
                results.Add(Delete(resource, obj.Namespace, obj.Name, options).Object);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: nothing left to do.
            }
        }

        return results;
    }

    /// <summary>Removes a finalizer (system use: garbage collector, controllers); removes the object when it was the last.</summary>
    /// <param name="resource">Resource type.</param>
    /// <param name="ns">Namespace.</param>
    /// <param name="name">Name.</param>
    /// <param name="finalizer">The finalizer.</param>
    /// <param name="manager">Field manager recorded.</param>
    /// <returns>True when the object still exists.</returns>
    public bool RemoveFinalizer(ApiResource resource, string? ns, string name, string finalizer, string manager)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (store.Sync)
        {
            var current = TryGet(resource, ns, name);
            if (current is null)
            {
                return false;
            }

            if (current.Finalizers.Contains(finalizer))
            {
                Mutate(resource, ns, name, o => Meta.SetFinalizers(o, Meta.Finalizers(o).Where(f => f != finalizer)), new WriteOptions { FieldManager = manager });
            }

            return TryGet(resource, ns, name) is not null;
        }
    }

    /// <summary>Finishes a terminating Namespace: drops its <c>kubernetes</c> finalizer and removes it when nothing else holds it.</summary>
    /// <param name="name">The namespace.</param>
    internal void FinalizeNamespace(string name)
    {
        var namespaces = registry.FindByKey(new ResourceKey("", "namespaces"))!;
        lock (store.Sync)
        {
            var current = TryGet(namespaces, null, name);
            if (current is null || !current.IsTerminating)
            {
                return;
            }

            var obj = current.ToJson();
            if (obj["spec"]?["finalizers"] is JsonArray { Count: > 0 })
            {
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
                current = store.Put(namespaces.Key, obj);
            }

            if (current.Finalizers.Count == 0)
            {
                store.Remove(current);
            }
        }
    }

    private void Orphan(StoredObject dependent, string ownerUid)
    {
        if (registry.FindByKey(dependent.Resource) is not { } dependentResource)
        {
            return;
        }

        Mutate(dependentResource, dependent.Namespace, dependent.Name, o =>
        {
            var owners = (Meta.Of(o)["ownerReferences"] as JsonArray ?? []).Where(r => r?["uid"]?.GetValue<string>() != ownerUid).Select(r => r?.DeepClone()).ToArray();
            if (owners.Length == 0)
            {
                Meta.Of(o).Remove("ownerReferences");
            }
            else
            {
                Meta.Of(o)["ownerReferences"] = new JsonArray(owners);
            }
        }, new WriteOptions { FieldManager = "garbage-collector" });
    }

    private static string DefaultPropagation(ApiResource resource) =>
        // batch/v1 Jobs orphan their pods unless told otherwise (kubectl and most clients send Background).
        resource.Group == "batch" && resource.Plural == "jobs" ? "Orphan" : "Background";
}

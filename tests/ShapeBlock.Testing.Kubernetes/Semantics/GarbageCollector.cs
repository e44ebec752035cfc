using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>
/// The controllers behind deletion, driven by a store watch: ownerReference cascade (background and
/// foreground), dangling dependents, Namespace termination (contents first, then the namespace) and
/// CRD removal (instances first). Like the real ones they are asynchronous: wait on a watch or a condition.
/// </summary>
internal sealed class GarbageCollector(ObjectApi api, bool collectDangling, Action<StoredObject>? onRemoved) : IAsyncDisposable
{
    private const string CrdCleanup = "customresourcecleanup.apiextensions.k8s.io";
    private static readonly ResourceKey Namespaces = new("", "namespaces");
    private static readonly ResourceKey Crds = new("apiextensions.k8s.io", "customresourcedefinitions");
    private static readonly DeleteOptions Background = new() { PropagationPolicy = "Background" };
    private readonly CancellationTokenSource stop = new();
    private StoreWatcher? watcher;
    private Task? loop;

    public void Start()
    {
        watcher = api.Store.Watch(null, null, null, new WatchStart(null, InitialState: true), capacity: 0, external: false);
        loop = Task.Run(() => RunAsync(watcher, stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (watcher is not null)
        {
            api.Store.Unwatch(watcher);
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        stop.Dispose();
    }

    private async Task RunAsync(StoreWatcher source, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in source.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Handle(e);
                }
                catch (ApiException)
                {
                    // Raced with another writer (gone, conflict, namespace terminating): the next event re-drives it.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Handle(StoreEvent e)
    {
        var obj = e.Object!;
        switch (e.Type)
        {
            case WatchEventType.Deleted:
                onRemoved?.Invoke(obj);
                CollectDependents(obj.Uid);
                foreach (var owner in obj.OwnerReferences)
                {
                    if (api.Store.GetByUid(owner.Uid) is { IsTerminating: true } o)
                    {
                        FinishForeground(o);
                    }
                }

                if (obj.Namespace is { } ns && api.Store.Get(Namespaces, null, ns) is { IsTerminating: true })
                {
                    TerminateNamespace(ns);
                }

                if (api.Registry.FindByKey(obj.Resource) is { IsCustom: true } custom)
                {
                    FinishCrd(custom);
                }

                break;
            case WatchEventType.Added or WatchEventType.Modified when obj.IsTerminating:
                if (obj.Resource == Namespaces)
                {
                    TerminateNamespace(obj.Name);
                }
                else if (obj.Resource == Crds && obj.Finalizers.Contains(CrdCleanup))
                {
                    CleanUpCrd(obj);
                }
                else if (obj.Finalizers.Contains(ObjectApi.ForegroundDeletion))
                {
                    foreach (var dependent in api.Store.DependentsOf(obj.Uid))
                    {
                        DeleteQuietly(dependent);
                    }

                    FinishForeground(obj);
                }

                break;
            case WatchEventType.Added when collectDangling && obj.OwnerReferences.Count > 0:
                if (obj.OwnerReferences.All(o => api.Store.GetByUid(o.Uid) is null))
                {
                    DeleteQuietly(obj);
                }

                break;
        }
    }

    private void CollectDependents(string ownerUid)
    {
        foreach (var dependent in api.Store.DependentsOf(ownerUid))
        {
            var solid = dependent.OwnerReferences.Where(o => o.Uid != ownerUid && api.Store.GetByUid(o.Uid) is not null).ToList();
            if (solid.Count == 0)
            {
                DeleteQuietly(dependent);
            }
            else if (api.Registry.FindByKey(dependent.Resource) is { } resource)
            {
                api.Mutate(resource, dependent.Namespace, dependent.Name, o =>
                    Meta.Of(o)["ownerReferences"] = new JsonArray([.. (Meta.Of(o)["ownerReferences"] as JsonArray ?? [])
                        .Where(r => r?["uid"]?.GetValue<string>() != ownerUid).Select(r => r?.DeepClone())]),
                    new WriteOptions { FieldManager = "garbage-collector" });
            }
        }
    }

    private void FinishForeground(StoredObject owner)
    {
        if (!owner.Finalizers.Contains(ObjectApi.ForegroundDeletion) || api.Registry.FindByKey(owner.Resource) is not { } resource)
        {
            return;
        }

        if (!api.Store.DependentsOf(owner.Uid).Any(d => d.OwnerReferences.Any(o => o.Uid == owner.Uid && o.BlockOwnerDeletion)))
        {
            api.RemoveFinalizer(resource, owner.Namespace, owner.Name, ObjectApi.ForegroundDeletion, "garbage-collector");
        }
    }

    private void TerminateNamespace(string ns)
    {
        var remaining = 0;
        foreach (var key in api.Store.ResourceTypes())
        {
            if (key == Namespaces || api.Registry.FindByKey(key) is not { Namespaced: true } resource)
            {
                continue;
            }

            foreach (var obj in api.Store.List(key, ns))
            {
                remaining++;
                if (!obj.IsTerminating)
                {
                    DeleteQuietly(obj, resource);
                }
            }
        }

        if (remaining == 0 || api.Store.ResourceTypes().All(k => k == Namespaces || api.Store.List(k, ns).Count == 0))
        {
            api.FinalizeNamespace(ns);
        }
    }

    private void CleanUpCrd(StoredObject crd)
    {
        foreach (var resource in CrdDefinition.Resources(crd.ToJson()).Take(1))
        {
            foreach (var obj in api.Store.List(resource.Key))
            {
                if (!obj.IsTerminating)
                {
                    DeleteQuietly(obj, resource);
                }
            }

            FinishCrd(resource);
        }
    }

    private void FinishCrd(ApiResource custom)
    {
        if (api.Store.Count(custom.Key) > 0)
        {
            return;
        }

        var crdResource = api.Registry.FindByKey(Crds)!;
        if (api.TryGet(crdResource, null, custom.QualifiedName) is { IsTerminating: true })
        {
            api.RemoveFinalizer(crdResource, null, custom.QualifiedName, CrdCleanup, "apiextensions-controller");
        }
    }

    private void DeleteQuietly(StoredObject obj, ApiResource? resource = null)
    {
        resource ??= api.Registry.FindByKey(obj.Resource);
        if (resource is null)
        {
            return;
        }

        try
        {
            api.Delete(resource, obj.Namespace, obj.Name, Background);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already gone.
        }
    }
}

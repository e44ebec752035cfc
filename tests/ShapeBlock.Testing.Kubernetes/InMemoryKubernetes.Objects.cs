using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Selectors;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes;

public sealed partial class InMemoryKubernetes
{
    /// <summary>Creates an object in-process (kind and namespace from the object itself); not counted as a request.</summary>
    /// <param name="obj">The object with apiVersion, kind and metadata.</param>
    /// <returns>The stored object.</returns>
    public JsonObject Create(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var resource = Api.Resource(obj["apiVersion"]?.GetValue<string>() ?? "", obj["kind"]?.GetValue<string>() ?? "");
        return Api.Create(resource, Meta.Namespace(obj), obj, new WriteOptions { FieldManager = "test-seed" }).Object.ToJson();
    }

    /// <summary>Gets an object, or null.</summary>
    /// <param name="apiVersion">E.g. <c>apps.shapeblock.io/v1alpha1</c>.</param>
    /// <param name="kind">E.g. <c>App</c>.</param>
    /// <param name="ns">Namespace; null for cluster-scoped.</param>
    /// <param name="name">Name.</param>
    /// <returns>A copy of the object.</returns>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) =>
        Api.TryGet(Api.Resource(apiVersion, kind), ns, name)?.ToJson();

    /// <summary>Lists objects.</summary>
    /// <param name="apiVersion">API version.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="labelSelector">Label selector, or null.</param>
    /// <returns>Copies of the objects.</returns>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null, string? labelSelector = null) =>
        [.. Api.List(Api.Resource(apiVersion, kind), ns, LabelSelector.Parse(labelSelector)).Items.Select(o => o.ToJson())];

    /// <summary>Waits until an object exists and satisfies a condition (driven by a store watch, not polling).</summary>
    /// <param name="apiVersion">API version.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="ns">Namespace; null for cluster-scoped.</param>
    /// <param name="name">Name.</param>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">Upper bound (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The object that satisfied it.</returns>
    /// <exception cref="TimeoutException">With the last state seen.</exception>
    public async Task<JsonObject> WaitForAsync(string apiVersion, string kind, string? ns, string name, Func<JsonObject, bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        JsonObject? last = null;
        var found = await WaitAsync(apiVersion, kind, ns, o => o.Name == name, e =>
        {
            if (e.Object!.Name != name || e.Type == WatchEventType.Deleted)
            {
                return null;
            }

            last = e.Object.ToJson();
            return condition(last) ? last : null;
        }, timeout, cancellationToken, () => $"{kind} {ns}/{name}: last seen {last?.ToJsonString() ?? "never"}").ConfigureAwait(false);
        return found;
    }

    /// <summary>Waits until some object of a kind satisfies a condition.</summary>
    /// <param name="apiVersion">API version.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="ns">Namespace, or null for all.</param>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">Upper bound (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first object that satisfied it.</returns>
    public Task<JsonObject> WaitForAnyAsync(string apiVersion, string kind, string? ns, Func<JsonObject, bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitAsync(apiVersion, kind, ns, null, e => e.Type != WatchEventType.Deleted && e.Object!.ToJson() is var o && condition(o) ? o : null, timeout, cancellationToken, () => $"no {kind} in {ns ?? "any namespace"} matched");

    /// <summary>Waits until an object is gone.</summary>
    /// <param name="apiVersion">API version.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="ns">Namespace; null for cluster-scoped.</param>
    /// <param name="name">Name.</param>
    /// <param name="timeout">Upper bound (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public async Task WaitForDeletionAsync(string apiVersion, string kind, string? ns, string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var resource = Api.Resource(apiVersion, kind);
        var watcher = Store.Watch(resource.Key, resource.Namespaced ? ns : null, o => o.Name == name, new WatchStart(null, InitialState: false), capacity: 0, external: false);
        try
        {
            if (Api.TryGet(resource, ns, name) is null)
            {
                return;
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                await foreach (var e in watcher.Events.ReadAllAsync(cts.Token).ConfigureAwait(false))
                {
                    if (e.Type == WatchEventType.Deleted)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{kind} {ns}/{name} still exists: {Api.TryGet(resource, ns, name)?.ToJson().ToJsonString()}");
            }
        }
        finally
        {
            Store.Unwatch(watcher);
        }
    }

    private async Task<JsonObject> WaitAsync(string apiVersion, string kind, string? ns, Func<StoredObject, bool>? filter, Func<StoreEvent, JsonObject?> check, TimeSpan? timeout, CancellationToken cancellationToken, Func<string> describe)
    {
        var resource = Api.Resource(apiVersion, kind);
        // The filter keeps other objects' changes out of the queue (a wait for one object among thousands).
        var watcher = Store.Watch(resource.Key, resource.Namespaced ? ns : null, filter, new WatchStart(null, InitialState: true), capacity: 0, external: false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var e in watcher.Events.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                if (check(e) is { } result)
                {
                    return result;
                }
            }

            throw new InvalidOperationException("the store closed the watch");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {timeout ?? TimeSpan.FromSeconds(30)}: {describe()}");
        }
        finally
        {
            Store.Unwatch(watcher);
        }
    }
}

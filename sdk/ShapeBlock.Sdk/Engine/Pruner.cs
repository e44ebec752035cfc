using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Deletes objects labelled with the stack (<c>shapeblock.io/stack</c>, managed by the SDK) that are not in
/// the declared set — everything for <c>destroy</c> — tier by tier (<see cref="ManagedKinds.Tier"/>), waiting
/// for each tier to be gone. Only objects the stack created are deleted; objects it adopted (they existed
/// before, e.g. a namespace or CRD of the cluster) are kept and reported.
/// </summary>
internal sealed class Pruner(KubeApi api, Waiter waiter, string stack, string cluster, EngineOptions options, IEngineReporter reporter)
{
    /// <summary>Finds the stack's objects of the given kinds.</summary>
    public async Task<IReadOnlyList<(ApiResource Resource, JsonObject Object)>> ListAsync(IEnumerable<(string ApiVersion, string Kind)> kinds, CancellationToken cancellationToken)
    {
        var found = new List<(ApiResource, JsonObject)>();
        foreach (var (apiVersion, kind) in kinds)
        {
            if (await api.ResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false) is not { } resource)
            {
                continue;
            }

            var (items, _) = await api.ListAsync(resource, null, ObjectWriter.Selector(stack), null, cancellationToken).ConfigureAwait(false);
            found.AddRange(items.Select(i => (resource, i)));
        }

        return found;
    }

    /// <summary>Deletes what is not declared; returns how many objects were deleted.</summary>
    public async Task<int> PruneAsync(Plan plan, IReadOnlySet<string> declared, CancellationToken cancellationToken)
    {
        var live = await ListAsync(ManagedKinds.For(plan, cluster), cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var tier in live.Where(l => !declared.Contains(ObjectKey.Of(l.Object))).GroupBy(l => ManagedKinds.Tier(l.Resource.ApiVersion, l.Resource.Kind)).OrderBy(g => g.Key))
        {
            var gone = new List<Task>();
            foreach (var (resource, obj) in tier)
            {
                var key = ObjectKey.Of(obj);
                if (obj["metadata"]?["annotations"]?[ObjectWriter.CreatedBy]?.GetValue<string>() != stack)
                {
                    reporter.Report(new EngineEvent(EngineEventKind.Kept, cluster, key, "kept: it existed before the stack adopted it"));
                    continue;
                }

                var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
                var name = obj["metadata"]!["name"]!.GetValue<string>();
                await api.DeleteAsync(resource, ns, name, cancellationToken).ConfigureAwait(false);
                deleted++;
                gone.Add(GoneAsync(resource, ns, name, key, cancellationToken));
            }

            await Task.WhenAll(gone).ConfigureAwait(false);
        }

        return deleted;
    }

    private async Task GoneAsync(ApiResource resource, string? ns, string name, string key, CancellationToken cancellationToken)
    {
        await waiter.WaitAsync(resource, ns, name, o => o is null ? WaitState.Done : WaitState.Pending, options.DeleteTimeout,
            $"{key} to be deleted (its finalizers are removed by the operator or helm-controller)", null, cancellationToken).ConfigureAwait(false);
        reporter.Report(new EngineEvent(EngineEventKind.Deleted, cluster, key, "deleted"));
    }
}

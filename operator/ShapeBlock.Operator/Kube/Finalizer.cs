using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>Adds and removes a finalizer with a merge patch guarded by resourceVersion, re-reading on 409.</summary>
internal sealed class Finalizer(KubeRestClient client)
{
    private const int MaxConflictRetries = 5;

    public Task<T> AddAsync<T>(ResourceType type, IResourceCodec<T> codec, T obj, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ChangeAsync(type, codec, obj, list => list.Contains(finalizer) ? null : [.. list, finalizer], cancellationToken);

    public Task<T> RemoveAsync<T>(ResourceType type, IResourceCodec<T> codec, T obj, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ChangeAsync(type, codec, obj, list => list.Contains(finalizer) ? [.. list.Where(f => f != finalizer)] : null, cancellationToken);

    private async Task<T> ChangeAsync<T>(ResourceType type, IResourceCodec<T> codec, T obj, Func<IList<string>, List<string>?> change, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = change(obj.Metadata.Finalizers ?? []);
            if (updated is null)
            {
                return obj;
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = obj.Metadata.ResourceVersion,
                    ["finalizers"] = new JsonArray([.. updated.Select(f => (JsonNode)f)]),
                },
            };
            try
            {
                return await client.PatchAsync(type, codec, obj.Metadata.NamespaceProperty, obj.Metadata.Name, PatchType.Merge, JsonSerializer.SerializeToUtf8Bytes(patch, JsonContext.Default.JsonObject), null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < MaxConflictRetries)
            {
                obj = await client.GetAsync(type, codec, obj.Metadata.NamespaceProperty, obj.Metadata.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"{type} {obj.Metadata.Name} was deleted");
            }
        }
    }
}

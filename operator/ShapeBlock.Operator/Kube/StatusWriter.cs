using k8s;
using k8s.Models;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Kube;

/// <summary>
/// Writes a custom resource's status through the status subresource — only when it changed, so a
/// resync of converged objects makes no writes — retrying on 409 with a fresh read.
/// </summary>
internal sealed class StatusWriter(KubeRestClient client)
{
    private const int MaxConflictRetries = 5;

    public async Task<T> UpdateAsync<T>(ResourceType type, IResourceCodec<T> codec, T current, Action<T> mutate, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = codec.Write(current);
            using var doc = System.Text.Json.JsonDocument.Parse(before);
            var changed = codec.Read(doc.RootElement);
            mutate(changed);
            if (codec.Write(changed).AsSpan().SequenceEqual(before))
            {
                return current;
            }

            try
            {
                return await client.ReplaceAsync(type, codec, changed, status: true, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < MaxConflictRetries)
            {
                current = await client.GetAsync(type, codec, current.Metadata.NamespaceProperty, current.Metadata.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"{type} {current.Metadata.Name} was deleted");
            }
        }
    }
}

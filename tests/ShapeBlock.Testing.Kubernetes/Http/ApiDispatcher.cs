using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Faults;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>Routes every request: health, discovery, openapi, then resource requests by verb and subresource, with faults and counting.</summary>
internal sealed class ApiDispatcher(
    ResourceRegistry registry,
    FaultInjector faults,
    DiscoveryHandler discovery,
    OpenApiHandler openApi,
    CrudHandler crud,
    PatchHandler patch,
    WatchHandler watch,
    LogHandler logs,
    EvictionHandler eviction)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        try
        {
            if (path is "/healthz" or "/livez" or "/readyz")
            {
                await HttpResponses.WriteBytesAsync(context, 200, "ok"u8.ToArray(), "text/plain").ConfigureAwait(false);
                return;
            }

            if (context.Request.Method == "GET" &&
                (await discovery.TryHandleAsync(context, path).ConfigureAwait(false) || await openApi.TryHandleAsync(context, path).ConfigureAwait(false)))
            {
                return;
            }

            var info = RequestInfo.Parse(context.Request.Method, path, RequestReader.Flag(context, "watch"));
            var resource = info.IsResource ? registry.Find(info.Group, info.Version, info.Resource) : null;
            if (resource is null)
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }

            faults.Requests.Record(info.Verb, info.Group, info.ResourcePath, info.Namespace, info.Name);
            await faults.BeforeAsync(info.Verb, info.Group, info.ResourcePath, info.Name, context.RequestAborted).ConfigureAwait(false);
            var ns = resource.Namespaced ? info.Namespace : null;
            switch (info.Subresource)
            {
                case "log" when resource.Subresources.Contains("log"):
                    await logs.HandleAsync(context, info, resource).ConfigureAwait(false);
                    return;
                case "eviction" when resource.Subresources.Contains("eviction"):
                    await eviction.HandleAsync(context, info, resource).ConfigureAwait(false);
                    return;
            }

            switch (info.Verb)
            {
                case "watch" when info.Subresource is null:
                    await watch.HandleAsync(context, resource, ns).ConfigureAwait(false);
                    return;
                case "patch":
                    await patch.HandleAsync(context, info, resource).ConfigureAwait(false);
                    return;
                default:
                    await crud.HandleAsync(context, info, resource).ConfigureAwait(false);
                    return;
            }
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await HttpResponses.WriteErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            await HttpResponses.WriteErrorAsync(context, ApiException.BadRequest($"error decoding request body: {e.Message}")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Client went away.
        }
    }
}

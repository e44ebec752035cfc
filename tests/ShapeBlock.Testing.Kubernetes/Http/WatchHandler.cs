using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Faults;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>
/// Watch streams: one JSON event per line, flushed as soon as it is available; <c>resourceVersion</c>
/// resumption from the bounded history (410 as an ERROR event when too old), <c>allowWatchBookmarks</c>
/// (periodic and on demand), <c>sendInitialEvents</c>, <c>timeoutSeconds</c>, label and field selectors.
/// </summary>
internal sealed class WatchHandler(ObjectStore store, FaultInjector faults, WatchControl control, TableWriter tables, InMemoryKubernetesOptions options)
{
    private static readonly byte[] LineEnd = "}\n"u8.ToArray();

    public async Task HandleAsync(HttpContext context, ApiResource resource, string? ns)
    {
        var (labels, fields) = RequestReader.Selectors(context, resource);
        var allowBookmarks = RequestReader.Flag(context, "allowWatchBookmarks");
        var sendInitial = RequestReader.Flag(context, "sendInitialEvents");
        var timeoutSeconds = RequestReader.Int(context, "timeoutSeconds");
        var rvText = RequestReader.Query(context, "resourceVersion");
        var table = TableWriter.Wants(context);
        WatchStart start;
        if (sendInitial)
        {
            start = new WatchStart(null, InitialState: true, InitialEventsEndBookmark: allowBookmarks);
        }
        else if (string.IsNullOrEmpty(rvText) || rvText == "0")
        {
            start = new WatchStart(null, InitialState: true);
        }
        else if (long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
        {
            start = new WatchStart(rv, InitialState: false);
        }
        else
        {
            throw ApiException.BadRequest($"invalid resource version: {rvText}");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = table ? TableWriter.ContentType : HttpResponses.Json;
        var body = context.Response.BodyWriter;
        if (start.Revision is { } from && faults.TakeForcedGone(resource.Group, resource.Plural))
        {
            await WriteGoneAsync(body, from, store.ResourceVersion, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        Func<StoredObject, bool>? filter = labels.IsEmpty && fields.IsEmpty ? null : o => labels.Matches(o.Labels) && fields.Matches(o);
        StoreWatcher watcher;
        try
        {
            watcher = store.Watch(resource.Key, ns, filter, start, options.WatchQueueCapacity, external: true);
        }
        catch (ResourceVersionTooOldException e)
        {
            await WriteGoneAsync(body, e.Requested, e.Oldest, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        control.Add(watcher, resource.Group, resource.Plural, allowBookmarks);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeoutSeconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        }

        using var bookmarks = allowBookmarks && options.BookmarkInterval > TimeSpan.Zero
            ? new Timer(_ => store.Bookmark(watcher), null, options.BookmarkInterval, options.BookmarkInterval)
            : null;
        try
        {
            await context.Response.StartAsync(timeout.Token).ConfigureAwait(false);
            await body.FlushAsync(timeout.Token).ConfigureAwait(false);
            while (await watcher.Events.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
            {
                if (faults.WatchEventDelay(resource.Group, resource.Plural) is { } lag && lag > TimeSpan.Zero)
                {
                    await Task.Delay(lag, timeout.Token).ConfigureAwait(false);
                }

                while (watcher.Events.TryRead(out var e))
                {
                    if (e.Type == WatchEventType.Bookmark && !allowBookmarks)
                    {
                        continue;
                    }

                    WriteEvent(body, resource, e, table);
                }

                await body.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: end the stream.
        }
        finally
        {
            control.Remove(watcher);
            store.Unwatch(watcher);
        }
    }

    private void WriteEvent(PipeWriter body, ApiResource resource, StoreEvent e, bool table)
    {
        body.Write(e.Type switch
        {
            WatchEventType.Added => """{"type":"ADDED","object":"""u8,
            WatchEventType.Modified => """{"type":"MODIFIED","object":"""u8,
            WatchEventType.Deleted => """{"type":"DELETED","object":"""u8,
            _ => """{"type":"BOOKMARK","object":"""u8,
        });
        if (e.Object is null)
        {
            var metadata = new JsonObject { ["resourceVersion"] = e.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
            if (e.InitialEventsEnd)
            {
                metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            }

            var bookmark = new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion, ["metadata"] = metadata };
            body.Write(JsonSerializer.SerializeToUtf8Bytes(bookmark, JsonContext.Relaxed.JsonObject));
        }
        else if (table)
        {
            var t = tables.Table(resource, [e.Object], e.ResourceVersion, null, "Metadata");
            body.Write(JsonSerializer.SerializeToUtf8Bytes(t, JsonContext.Relaxed.JsonObject));
        }
        else
        {
            body.Write(e.Object.Utf8Json);
        }

        body.Write(LineEnd);
    }

    private static async Task WriteGoneAsync(PipeWriter body, long requested, long oldest, CancellationToken cancellationToken)
    {
        var status = ApiException.Expired($"too old resource version: {requested} ({oldest})").ToStatus();
        body.Write("""{"type":"ERROR","object":"""u8);
        body.Write(JsonSerializer.SerializeToUtf8Bytes(status, JsonContext.Relaxed.JsonObject));
        body.Write(LineEnd);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

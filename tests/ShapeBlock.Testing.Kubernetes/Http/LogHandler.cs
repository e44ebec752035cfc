using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary><c>GET pods/{name}/log</c> with <c>container</c>, <c>tailLines</c>, <c>timestamps</c>, <c>limitBytes</c>, <c>sinceSeconds</c> and <c>follow</c>.</summary>
internal sealed class LogHandler(ObjectApi api, PodLogStore logs, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info, ApiResource pods)
    {
        if (info.Verb != "get")
        {
            throw ApiException.MethodNotAllowed();
        }

        var ns = info.Namespace!;
        var pod = api.Get(pods, ns, info.Name!).ToJson();
        var containers = Names(pod["spec"]?["containers"]);
        var initContainers = Names(pod["spec"]?["initContainers"]);
        var container = RequestReader.Query(context, "container")
            ?? pod["metadata"]?["annotations"]?["kubectl.kubernetes.io/default-container"]?.GetValue<string>()
            ?? (containers.Count == 1 ? containers[0] : throw ApiException.BadRequest(
                $"a container name must be specified for pod {info.Name}, choose one of: [{string.Join(" ", containers)}]" +
                (initContainers.Count > 0 ? $" or one of the init containers: [{string.Join(" ", initContainers)}]" : "")));
        if (!containers.Contains(container) && !initContainers.Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {info.Name}");
        }

        if (RequestReader.Flag(context, "previous"))
        {
            throw ApiException.BadRequest($"previous terminated container \"{container}\" in pod \"{info.Name}\" not found");
        }

        var log = logs.Find(ns, info.Name!, container);
        if (log is null && Waiting(pod, container) is { } reason)
        {
            throw ApiException.BadRequest($"container \"{container}\" in pod \"{info.Name}\" is waiting to start: {reason}");
        }

        // A running container that has not written yet: a follower waits for its first line instead of ending at once.
        if (log is null && RequestReader.Flag(context, "follow") && !Terminated(pod, container))
        {
            log = logs.For(ns, info.Name!, container);
            if (api.TryGet(pods, ns, info.Name!) is null)
            {
                // Deleted between the read above and now: its logs were already removed, so nothing would end this one.
                log.Complete();
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var lines = log?.Snapshot(0, out _, out _) ?? [];
        var sinceSeconds = RequestReader.Int(context, "sinceSeconds");
        var since = sinceSeconds > 0 ? time.GetUtcNow().AddSeconds(-sinceSeconds) : DateTimeOffset.MinValue;
        var selected = lines.Where(l => l.At >= since).ToList();
        var tail = RequestReader.Query(context, "tailLines") is { } t && int.TryParse(t, out var n) && n >= 0 ? n : -1;
        if (tail >= 0 && selected.Count > tail)
        {
            selected = selected[^tail..];
        }

        var timestamps = RequestReader.Flag(context, "timestamps");
        var limit = RequestReader.Int(context, "limitBytes");
        var written = 0;
        if (!await WriteAsync(context, selected, timestamps, limit, ref written).ConfigureAwait(false) || !RequestReader.Flag(context, "follow") || log is null)
        {
            return;
        }

        var position = lines.Count;
        while (!context.RequestAborted.IsCancellationRequested)
        {
            var more = log.Snapshot(position, out var next, out var complete);
            position += more.Count;
            if (!await WriteAsync(context, more, timestamps, limit, ref written).ConfigureAwait(false) || complete && more.Count == 0)
            {
                return;
            }

            if (complete)
            {
                continue;
            }

            try
            {
                await next.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static Task<bool> WriteAsync(HttpContext context, IReadOnlyList<LogLine> lines, bool timestamps, int limit, ref int written)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (timestamps)
            {
                text.Append(line.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(line.Text).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var more = true;
        if (limit > 0 && written + bytes.Length >= limit)
        {
            bytes = bytes[..Math.Max(0, limit - written)];
            more = false;
        }

        written += bytes.Length;
        return WriteAndFlushAsync(context, bytes, more);
    }

    private static async Task<bool> WriteAndFlushAsync(HttpContext context, byte[] bytes, bool more)
    {
        try
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            return more;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string? Waiting(JsonObject pod, string container)
    {
        var status = ContainerStatus(pod, container);
        if (status is null)
        {
            return pod["status"]?["phase"]?.GetValue<string>() == "Pending" ? "ContainerCreating" : null;
        }

        return status["state"]?["waiting"] is JsonObject waiting ? waiting["reason"]?.GetValue<string>() ?? "ContainerCreating" : null;
    }

    private static bool Terminated(JsonObject pod, string container)
    {
        if (pod["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed")
        {
            return true;
        }

        return ContainerStatus(pod, container)?["state"]?["terminated"] is JsonObject;
    }

    private static JsonObject? ContainerStatus(JsonObject pod, string container) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? [])
            .Concat(pod["status"]?["initContainerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(s => s["name"]?.GetValue<string>() == container);

    private static List<string> Names(JsonNode? list) =>
        [.. (list as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "")];
}

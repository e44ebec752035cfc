using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ShapeBlock.Sdk.Provisioning.K3s;

/// <summary>
/// The cluster's Kubernetes API as provisioning uses it: node readiness, cordon, eviction-based drain and node
/// removal, through KubernetesClient built from the kubeconfig recovered from a master.
/// </summary>
internal sealed partial class ClusterApi(Kubernetes client, ProvisionOptions options) : IDisposable
{
    /// <summary>Points every <c>server:</c> of a k3s kubeconfig at <paramref name="server"/> (k3s writes <c>https://127.0.0.1:6443</c>).</summary>
    public static string Rewrite(string kubeconfig, string server) =>
        ServerLine().Replace(kubeconfig, m => m.Groups[1].Value + server);

    public static ClusterApi Create(string kubeconfig, ProvisionOptions options)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
        return new ClusterApi(new Kubernetes(configuration), options);
    }

    public void Dispose() => client.Dispose();

    /// <summary>Node name → Ready, for the cluster's nodes.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> NodesAsync(CancellationToken ct)
    {
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false);
        return nodes.Items.ToDictionary(
            n => n.Metadata.Name,
            IsReady,
            StringComparer.Ordinal);
    }

    private static bool IsReady(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>
    /// The node's <c>status.nodeInfo.bootID</c> (changes with every boot of its machine); empty when the node does
    /// not exist or reports none.
    /// </summary>
    public async Task<string> BootIdAsync(string node, CancellationToken ct)
    {
        try
        {
            var found = await client.CoreV1.ReadNodeAsync(node, cancellationToken: ct).ConfigureAwait(false);
            return found.Status?.NodeInfo?.BootID ?? "";
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return "";
        }
    }

    /// <summary>
    /// Waits (bounded) until every named node is registered and Ready — and, for a node named in
    /// <paramref name="bootedSince"/> with a non-empty bootID, until it reports another bootID: after a power cycle
    /// the Ready condition from before the shutdown may still stand (the node controller marks a silent node NotReady
    /// only after ~40 s), so only a new boot proves the machine rejoined.
    /// </summary>
    public async Task WaitReadyAsync(IReadOnlyCollection<string> names, CancellationToken ct, IReadOnlyDictionary<string, string>? bootedSince = null)
    {
        var deadline = options.Time.GetUtcNow() + options.NodeReadyTimeout;
        while (true)
        {
            IReadOnlyDictionary<string, (bool Ready, string BootId)> nodes;
            string? failure = null;
            try
            {
                var list = await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false);
                nodes = list.Items.ToDictionary(
                    n => n.Metadata.Name,
                    n => (IsReady(n), n.Status?.NodeInfo?.BootID ?? ""),
                    StringComparer.Ordinal);
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException && !ct.IsCancellationRequested)
            {
                // The API server may still be starting.
                nodes = new Dictionary<string, (bool, string)>();
                failure = e.Message;
            }

            bool Stale(string n) =>
                bootedSince?.GetValueOrDefault(n) is { Length: > 0 } before && string.Equals(nodes[n].BootId, before, StringComparison.Ordinal);
            var missing = names.Where(n => !nodes.TryGetValue(n, out var s) || !s.Ready || Stale(n)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                string Why(string n) =>
                    !nodes.TryGetValue(n, out var s) ? $"{n} (not registered)"
                    : !s.Ready ? $"{n} (registered, not Ready)"
                    : $"{n} (Ready only from before its power-off: bootID {s.BootId} unchanged, the machine has not rejoined)";
                throw new ProvisioningException(
                    $"Nodes not Ready after {options.NodeReadyTimeout.TotalSeconds:0} s: {string.Join(", ", missing.Select(Why))}" +
                    (failure is null ? "" : $"; the API answered: {failure}") +
                    ". Fix: check `journalctl -u k3s` / `-u k3s-agent` on those machines and that the private network connects them; run up again to continue.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cordons a node, evicts its pods through the Eviction API (PodDisruptionBudgets decide; 429 answers are retried
    /// until the drain timeout) and deletes the Node. DaemonSet pods and mirror pods stay, as with <c>kubectl drain</c>.
    /// </summary>
    public async Task DrainAndDeleteAsync(string node, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        if (!await CordonAndDrainAsync(node, null, "scale down", progress, ct).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await client.CoreV1.DeleteNodeAsync(node, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Gone already.
        }
    }

    /// <summary>The annotation a node carries while <c>up</c> changes its server type (value: the new type).</summary>
    public const string ResizingAnnotation = "shapeblock.io/resizing";

    /// <summary>
    /// Cordons a node (with <paramref name="resizingTo"/>, also marks it <see cref="ResizingAnnotation"/>, so a later
    /// <c>up</c> knows to uncordon it) and evicts its pods like <see cref="DrainAndDeleteAsync"/>; false when the node
    /// does not exist.
    /// </summary>
    public async Task<bool> CordonAndDrainAsync(string node, string? resizingTo, string phase, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        try
        {
            var patch = new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = true } };
            if (resizingTo is not null)
            {
                patch["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ResizingAnnotation] = resizingTo } };
            }

            var body = patch.ToJsonString();
            await client.CoreV1.PatchNodeAsync(new V1Patch(body, V1Patch.PatchType.MergePatch), node, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        var deadline = options.Time.GetUtcNow() + options.DrainTimeout;
        while (true)
        {
            var pods = (await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: ct).ConfigureAwait(false)).Items
                .Where(p => p.Status?.Phase is not ("Succeeded" or "Failed"))
                .Where(p => p.Metadata.OwnerReferences?.Any(o => o.Kind == "DaemonSet") != true)
                .Where(p => p.Metadata.Annotations?.ContainsKey("kubernetes.io/config.mirror") != true)
                .ToList();
            if (pods.Count == 0)
            {
                break;
            }

            var blocked = new List<string>();
            foreach (var pod in pods)
            {
                try
                {
                    await client.CoreV1.CreateNamespacedPodEvictionAsync(
                        new V1Eviction { Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty } },
                        pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
                }
                catch (HttpOperationException e) when ((int)e.Response.StatusCode == 429)
                {
                    blocked.Add($"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}");
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    // Already gone.
                }
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                var still = blocked.Count > 0 ? blocked : [.. pods.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}")];
                if (!options.Force)
                {
                    throw new ProvisioningException(
                        $"Draining node {node} ({phase}) did not finish within {options.DrainTimeout.TotalSeconds:0} s: {string.Join(", ", still)} " +
                        $"{(blocked.Count > 0 ? "cannot be evicted (a PodDisruptionBudget allows no disruption)" : "are still terminating")}. " +
                        "Fix: scale the workload up or relax its PodDisruptionBudget and run up again, or run up --force (ProvisionOptions.Force) to remove the node anyway.");
                }

                progress?.Report(new ProvisionEvent(ProvisionEventKind.Warning, phase, $"node {node}: going on although {string.Join(", ", still)} could not be evicted (Force)."));
                break;
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Makes a node schedulable again and drops its <see cref="ResizingAnnotation"/>.</summary>
    public Task UncordonAsync(string node, CancellationToken ct) =>
        client.CoreV1.PatchNodeAsync(
            new V1Patch(new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ResizingAnnotation] = null } },
                ["spec"] = new JsonObject { ["unschedulable"] = false },
            }.ToJsonString(), V1Patch.PatchType.MergePatch), node, cancellationToken: ct);

    /// <summary>Nodes marked <see cref="ResizingAnnotation"/> (a resize this or an earlier <c>up</c> started), with the type they were going to.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResizingAsync(CancellationToken ct)
    {
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false);
        return nodes.Items
            .Where(n => n.Metadata.Annotations?.ContainsKey(ResizingAnnotation) == true)
            .ToDictionary(n => n.Metadata.Name, n => n.Metadata.Annotations[ResizingAnnotation], StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^(\s*server:\s*).*$", RegexOptions.Multiline)]
    private static partial Regex ServerLine();
}

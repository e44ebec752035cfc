using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Applies a cluster's Kubernetes steps along the plan's dependency graph (a step starts when the steps it
/// depends on are done; at most <see cref="EngineOptions.Parallelism"/> at a time). Before an object is
/// written its kind must be served (a CRD applied earlier is waited for until Established; kinds a chart
/// installs, like cert-manager's, until discovery serves them) and its namespace must exist (project
/// namespaces are created by the operator from the Project).
/// </summary>
internal sealed class ClusterApplier(KubeApi api, Waiter waiter, ObjectWriter writer, string cluster, EngineOptions options, IEngineReporter reporter)
{
    private static readonly ApiResource Namespaces = new("v1", "Namespace", "namespaces", false);
    private static readonly ApiResource Crds = new("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    private readonly ConcurrentDictionary<string, Task> namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<ApiResource>> kinds = new(StringComparer.Ordinal);

    /// <summary>Applies the steps (each object only when it differs from the live one); the first failure stops the rest and is thrown.</summary>
    public async Task ApplyAsync(IReadOnlyList<PlanStep> steps, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.Parallelism);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var dependencies = step.DependsOn.Where(tasks.ContainsKey).Select(d => tasks[d]).ToList();
            tasks[step.Id] = RunStepAsync(step, dependencies, gate, failed);
        }

        try
        {
            await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        }
        catch
        {
            // Report the first real failure, not the cancellations it caused in other steps.
            var first = tasks.Values.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (first is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }

            throw;
        }
    }

    private async Task RunStepAsync(PlanStep step, List<Task> dependencies, SemaphoreSlim gate, CancellationTokenSource failed)
    {
        await Task.WhenAll(dependencies).ConfigureAwait(false);
        await gate.WaitAsync(failed.Token).ConfigureAwait(false);
        try
        {
            var resolved = new List<(DesiredObject Object, ApiResource Resource)>();
            foreach (var obj in step.Objects)
            {
                resolved.Add((obj, await ServedAsync(obj, failed.Token).ConfigureAwait(false)));
            }

            foreach (var (obj, resource) in resolved.Where(r => r.Object.IsSecret))
            {
                await writer.AdoptGeneratedAsync(resource, obj, failed.Token).ConfigureAwait(false);
            }

            foreach (var (obj, resource) in resolved)
            {
                await WriteAsync(step, obj, resource, failed.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stop the other steps: a dependency failed, and what follows would fail for the same reason.
            await failed.CancelAsync().ConfigureAwait(false);
            throw new ApplyFailedException($"{step.Id} ({step.Title}): {e.Message}", e);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WriteAsync(PlanStep step, DesiredObject obj, ApiResource resource, CancellationToken cancellationToken)
    {
        if (resource.Namespaced && obj.Namespace is { } ns)
        {
            await namespaces.GetOrAdd(ns, n => NamespaceAsync(n, step, cancellationToken)).ConfigureAwait(false);
        }

        var outcome = await writer.WriteAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        reporter.Report(new EngineEvent(outcome, cluster, obj.Key, outcome switch
        {
            EngineEventKind.Created => "created",
            EngineEventKind.Updated => "updated",
            _ => "unchanged",
        }));

        if (obj.Kind == "CustomResourceDefinition" && obj.ApiVersion.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal))
        {
            await waiter.WaitAsync(Crds, null, obj.Name, crd => Waiter.Condition(crd, "Established") ? WaitState.Done : WaitState.Pending,
                options.CrdTimeout, $"CustomResourceDefinition {obj.Name} to be Established", null, cancellationToken).ConfigureAwait(false);
            var group = obj.Manifest["spec"]?["group"]?.GetValue<string>();
            foreach (var version in obj.Manifest["spec"]?["versions"] as JsonArray ?? [])
            {
                api.Forget($"{group}/{version?["name"]?.GetValue<string>()}");
            }
        }
    }

    /// <summary>Where the object's kind is served; waits (bounded) for kinds that a CRD or a chart installs.</summary>
    private Task<ApiResource> ServedAsync(DesiredObject obj, CancellationToken cancellationToken) =>
        kinds.GetOrAdd($"{obj.ApiVersion}/{obj.Kind}", async _ =>
        {
            if (await api.ResolveAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false) is { } served)
            {
                return served;
            }

            var what = $"kind {obj.Kind} ({obj.ApiVersion}) to be served (its CustomResourceDefinition comes from an earlier step or a chart)";
            reporter.Report(new EngineEvent(EngineEventKind.Waiting, cluster, obj.Key, "waiting for " + what));
            var group = obj.ApiVersion.Split('/')[0];
            await waiter.WaitAsync(Crds, null, null,
                crd => crd?["spec"]?["group"]?.GetValue<string>() == group && crd["spec"]?["names"]?["kind"]?.GetValue<string>() == obj.Kind && Waiter.Condition(crd, "Established")
                    ? WaitState.Done : WaitState.Pending,
                options.CrdTimeout, what, null, cancellationToken).ConfigureAwait(false);
            api.Forget(obj.ApiVersion);
            return await api.ResolveAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false)
                ?? throw new WaitFailedException($"{obj.Key}: the API server does not serve {obj.Kind} ({obj.ApiVersion}) although its CustomResourceDefinition is Established");
        });

    private async Task NamespaceAsync(string ns, PlanStep step, CancellationToken cancellationToken)
    {
        if (await api.GetAsync(Namespaces, null, ns, cancellationToken).ConfigureAwait(false) is { } live && live["status"]?["phase"]?.GetValue<string>() != "Terminating")
        {
            return;
        }

        var what = $"namespace {ns} to exist (the operator creates it from Project {ns}; step {step.Id} writes into it)";
        reporter.Report(new EngineEvent(EngineEventKind.Waiting, cluster, $"Namespace {ns}", "waiting for " + what));
        await waiter.WaitAsync(Namespaces, null, ns, n => n is not null && n["status"]?["phase"]?.GetValue<string>() != "Terminating" ? WaitState.Done : WaitState.Pending,
            options.NamespaceTimeout, what, null, cancellationToken).ConfigureAwait(false);
    }
}

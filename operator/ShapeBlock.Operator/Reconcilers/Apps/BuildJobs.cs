using k8s.Models;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>
/// The Jobs (and build-variables Secret) of a build. Every Ensure adopts what exists — from the cache, or
/// from the API when a create answers AlreadyExists (written before a restart) — so a build never gets a
/// second Job.
/// </summary>
internal sealed class BuildJobs(KubeRestClient client, ClusterState state, AppsOptions options)
{
    // Jobs this process created that the cache may not show yet: a second reconcile must not try to create them again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ObjectKey, V1Job> created = new();

    public BuildJobRenderer Renderer { get; } = new(options.Build);

    public Task<V1Job> EnsureResolveJobAsync(BuildRequest request, BuildPlan plan, CancellationToken cancellationToken) =>
        EnsureJobAsync(request.Build, plan.ResolveJobName, () => Renderer.RenderResolveJob(request), cancellationToken);

    public async Task<V1Job> EnsureBuildJobAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        var plan = Renderer.Plan(request);
        if (state.BuildJobs.Cache.Get(new ObjectKey(request.Build.Metadata.NamespaceProperty, plan.JobName)) is { } existing)
        {
            return existing;
        }

        if (Renderer.RenderBuildVarsSecret(request) is { } vars && state.ManagedSecrets.Cache.Get(new ObjectKey(vars.Metadata.NamespaceProperty, vars.Metadata.Name)) is null)
        {
            try
            {
                await client.CreateAsync(Resources.Secrets, Codecs.Secret, vars, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsAlreadyExists)
            {
                // Same build, same variables (the spec is immutable).
            }
        }

        return await EnsureJobAsync(request.Build, plan.JobName, () => Renderer.RenderBuildJob(request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a Job that failed while still running (unschedulable, image pull), so it stops holding resources.</summary>
    public async Task StopAsync(V1Job job, CancellationToken cancellationToken)
    {
        created.TryRemove(ObjectKey.Of(job), out _);
        if (!JobConditions.Finished(job))
        {
            await client.DeleteAsync(Resources.Jobs, job.Metadata.NamespaceProperty, job.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteResolveJobAsync(AppBuild build, CancellationToken cancellationToken)
    {
        foreach (var job in KnownJobsOf(build).Where(j => j.Metadata.Labels?.TryGetValue(BuildJobRenderer.StepLabel, out var step) == true && step == "resolve"))
        {
            created.TryRemove(ObjectKey.Of(job), out _);
            await client.DeleteAsync(Resources.Jobs, job.Metadata.NamespaceProperty, job.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes everything a build created: its Jobs (their pods follow) and its build-variables Secret.</summary>
    public async Task DeleteAllAsync(AppBuild build, CancellationToken cancellationToken)
    {
        foreach (var job in KnownJobsOf(build))
        {
            created.TryRemove(ObjectKey.Of(job), out _);
            await client.DeleteAsync(Resources.Jobs, job.Metadata.NamespaceProperty, job.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }

        var vars = KubeNames.Fit(build.Metadata.Name, "-buildvars", 253);
        if (state.ManagedSecrets.Cache.Get(new ObjectKey(build.Metadata.NamespaceProperty, vars)) is not null)
        {
            await client.DeleteAsync(Resources.Secrets, build.Metadata.NamespaceProperty, vars, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The build's Jobs in the cache and those this process created that the cache does not show yet: the Job
    /// watch can trail the Pod watch, so a build may finish with its Job still unseen — and it must be deleted too.
    /// </summary>
    private List<V1Job> KnownJobsOf(AppBuild build)
    {
        var ns = build.Metadata.NamespaceProperty;
        var label = KubeNames.LabelValue(build.Metadata.Name);
        var cached = state.BuildJobs.Cache.ByIndex(ClusterState.ByBuild, $"{ns}/{label}");
        var unseen = created.Where(kv => kv.Key.Namespace == ns
            && kv.Value.Metadata.Labels?.TryGetValue(ShapeBlock.Api.Labels.Build, out var owner) == true && owner == label
            && !cached.Any(j => j.Metadata.Name == kv.Key.Name));
        return [.. cached, .. unseen.Select(kv => kv.Value)];
    }

    private async Task<V1Job> EnsureJobAsync(AppBuild build, string name, Func<V1Job> render, CancellationToken cancellationToken)
    {
        var ns = build.Metadata.NamespaceProperty;
        var key = new ObjectKey(ns, name);
        if (state.BuildJobs.Cache.Get(key) is { } cached)
        {
            created.TryRemove(key, out _);
            return cached;
        }

        if (created.TryGetValue(key, out var recent))
        {
            return recent;
        }

        try
        {
            return created[key] = await client.CreateAsync(Resources.Jobs, Codecs.Job, render(), cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            return await client.GetAsync(Resources.Jobs, Codecs.Job, ns, name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Job {ns}/{name} exists and vanished while being adopted; the next reconcile retries");
        }
    }
}

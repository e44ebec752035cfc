using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Platform;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Waits for what users care about after an apply: the operator Deployment available, every Project Active,
/// every AppBuild followed to Completed (phase changes reported) and every App Ready with its URL. All
/// waits are watches bounded by <see cref="EngineOptions"/>; every failure is reported, then one
/// <see cref="WaitFailedException"/> lists them.
/// </summary>
internal sealed class OutcomeWaiter(KubeApi api, Waiter waiter, string cluster, EngineOptions options, IEngineReporter reporter, SecretMasker masker)
{
    public async Task WaitAsync(Plan plan, CancellationToken cancellationToken)
    {
        var objects = plan.Steps.Where(s => s.Cluster == cluster).SelectMany(s => s.Objects).ToList();
        var failures = new List<string>();

        if (objects.FirstOrDefault(o => o.Kind == "Deployment" && o.Name == OperatorManifests.Name) is { } op)
        {
            await Run([OperatorAsync(op, cancellationToken)]).ConfigureAwait(false);
        }

        if (failures.Count == 0)
        {
            await Run([.. objects.Where(o => Is(o, "Project")).Select(p => ProjectAsync(p, cancellationToken))]).ConfigureAwait(false);
        }

        if (failures.Count == 0)
        {
            await Run([
                .. objects.Where(o => Is(o, "AppBuild")).Select(b => BuildAsync(b, cancellationToken)),
                .. objects.Where(o => Is(o, "App")).Select(a => AppAsync(a, cancellationToken))]).ConfigureAwait(false);
        }

        if (failures.Count > 0)
        {
            throw new WaitFailedException(string.Join(Environment.NewLine, failures));
        }

        async Task Run(Task[] tasks)
        {
            foreach (var task in tasks)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (WaitFailedException e)
                {
                    failures.Add(e.Message);
                }
            }
        }
    }

    private static bool Is(DesiredObject obj, string kind) => obj.Kind == kind && ManagedKinds.IsShapeBlock(obj.ApiVersion);

    private async Task OperatorAsync(DesiredObject deployment, CancellationToken cancellationToken)
    {
        var resource = await Resolve(deployment, cancellationToken).ConfigureAwait(false);
        var what = $"the ShapeBlock operator (Deployment {deployment.Namespace}/{deployment.Name}) to be available";
        reporter.Report(new EngineEvent(EngineEventKind.Waiting, cluster, deployment.Key, "waiting for " + what));
        await Wait(resource, deployment, d => Waiter.Condition(d, "Available") || (d?["status"]?["availableReplicas"]?.GetValue<int>() ?? 0) > 0 ? WaitState.Done : WaitState.Pending,
            options.OperatorTimeout, what, null, cancellationToken).ConfigureAwait(false);
        reporter.Report(new EngineEvent(EngineEventKind.Ready, cluster, deployment.Key, "operator available"));
    }

    private async Task ProjectAsync(DesiredObject project, CancellationToken cancellationToken)
    {
        var resource = await Resolve(project, cancellationToken).ConfigureAwait(false);
        var what = $"Project {project.Name} to be Active";
        reporter.Report(new EngineEvent(EngineEventKind.Waiting, cluster, project.Key, "waiting for " + what));
        await Wait(resource, project, p => Phase(p) switch
        {
            "Active" => WaitState.Done,
            "Failed" => WaitState.Failed,
            _ => Waiter.Condition(p, "Ready") ? WaitState.Done : WaitState.Pending,
        }, options.ProjectTimeout, what, null, cancellationToken).ConfigureAwait(false);
        reporter.Report(new EngineEvent(EngineEventKind.Ready, cluster, project.Key, $"project {project.Name} active") { Phase = "Active" });
    }

    private async Task BuildAsync(DesiredObject build, CancellationToken cancellationToken)
    {
        var resource = await Resolve(build, cancellationToken).ConfigureAwait(false);
        var timeout = TimeSpan.FromSeconds(build.Manifest["spec"]?["timeoutSeconds"]?.GetValue<int>() ?? 1800) + options.BuildGrace;
        var what = $"AppBuild {build.Namespace}/{build.Name} to complete";
        reporter.Report(new EngineEvent(EngineEventKind.Waiting, cluster, build.Key, "waiting for " + what));
        string? printed = null;
        using var logs = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? follow = null;
        try
        {
            var final = await Wait(resource, build, b => Phase(b) switch
            {
                "Completed" or "Superseded" => WaitState.Done,
                "Failed" => WaitState.Failed,
                _ => WaitState.Pending,
            }, timeout, what, b =>
            {
                if (Phase(b) is { } phase && phase != printed)
                {
                    printed = phase;
                    var message = b?["status"]?["message"]?.GetValue<string>();
                    reporter.Report(new EngineEvent(EngineEventKind.Phase, cluster, build.Key,
                        $"build {build.Namespace}/{build.Name}: {phase}{(string.IsNullOrEmpty(message) ? "" : " — " + masker.Mask(message))}") { Phase = phase });
                }

                // Live logs while it builds: the build pod's log, followed until its container ends.
                if (follow is null && Phase(b) is "Building" or "Deploying" && b?["status"]?["podName"]?.GetValue<string>() is { Length: > 0 } pod)
                {
                    follow = FollowLogAsync(build, pod, logs.Token);
                }
            }, cancellationToken).ConfigureAwait(false);
            await EndLogAsync().ConfigureAwait(false);
            reporter.Report(new EngineEvent(EngineEventKind.Ready, cluster, build.Key, $"build {build.Namespace}/{build.Name} {Phase(final)?.ToLowerInvariant()}") { Phase = Phase(final) });
        }
        catch (WaitFailedException)
        {
            await EndLogAsync().ConfigureAwait(false);
            throw;
        }

        // The log ends by itself when the build container ends; a stream still open shortly after is cut.
        async Task EndLogAsync()
        {
            if (follow is not null)
            {
                logs.CancelAfter(options.LogDrain);
                await follow.ConfigureAwait(false);
            }
        }
    }

    private async Task FollowLogAsync(DesiredObject build, string pod, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in api.FollowLogAsync(build.Namespace!, pod, cancellationToken).ConfigureAwait(false))
            {
                reporter.Report(new EngineEvent(EngineEventKind.Log, cluster, build.Key, masker.Mask(line)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or KubeApiException or ClusterUnreachableException)
        {
            // Logs are a courtesy: the build's outcome is read from its status either way.
        }
    }

    private async Task AppAsync(DesiredObject app, CancellationToken cancellationToken)
    {
        var resource = await Resolve(app, cancellationToken).ConfigureAwait(false);
        var what = $"App {app.Namespace}/{app.Name} to be Ready with a URL";
        reporter.Report(new EngineEvent(EngineEventKind.Waiting, cluster, app.Key, "waiting for " + what));
        var final = await Wait(resource, app, a => Phase(a) switch
        {
            "Ready" when a?["status"]?["url"]?.GetValue<string>() is { Length: > 0 } => WaitState.Done,
            "Failed" => WaitState.Failed,
            _ => WaitState.Pending,
        }, options.AppTimeout, what, null, cancellationToken).ConfigureAwait(false);
        var url = final?["status"]?["url"]?.GetValue<string>();
        reporter.Report(new EngineEvent(EngineEventKind.Ready, cluster, app.Key, $"app {app.Namespace}/{app.Name} ready at {url}") { Phase = "Ready", Url = url });
    }

    private async Task<JsonObject?> Wait(ApiResource resource, DesiredObject obj, Func<JsonObject?, WaitState> check, TimeSpan timeout, string what, Action<JsonObject?>? onChange,
        CancellationToken cancellationToken)
    {
        try
        {
            return await waiter.WaitAsync(resource, obj.Namespace, obj.Name, check, timeout, what, onChange, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitFailedException e)
        {
            reporter.Report(new EngineEvent(EngineEventKind.Failed, cluster, obj.Key, e.Message));
            throw;
        }
    }

    private async Task<ApiResource> Resolve(DesiredObject obj, CancellationToken cancellationToken) =>
        await api.ResolveAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false)
        ?? throw new WaitFailedException($"{obj.Key}: the API server does not serve {obj.Kind} ({obj.ApiVersion})");

    private static string? Phase(JsonObject? obj) => obj?["status"]?["phase"]?.GetValue<string>();
}

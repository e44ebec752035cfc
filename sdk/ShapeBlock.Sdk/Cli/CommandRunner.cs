using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Cli;

/// <summary>Runs one command: declare the stack, validate it, then preview, render, apply, destroy or read it.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CommandOptions options, Action<Stack> define, ProgramHost host, CancellationToken cancellationToken)
    {
        IOutput output = options.Json ? new JsonOutput(host, options.Verbose)
            : host.IsTerminal ? new SpectreOutput(host, options.Verbose)
            : new PlainOutput(host, options.Verbose);
        output.Start(options);
        PlanDiff? diff = null;
        var tally = new EngineTally();
        int Finish(int code)
        {
            output.Result(options, code, diff, tally);
            return code;
        }

        try
        {
            var stack = new Stack(options.Stack);
            try
            {
                define(stack);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.Failure($"the program failed while declaring stack '{options.Stack}': {e.GetType().Name}: {e.Message}");
                return Finish(ExitCodes.ValidationFailed);
            }

            var report = StackValidator.Validate(stack, host.Secrets);
            output.Problems(report);
            if (!report.IsValid)
            {
                return Finish(ExitCodes.ValidationFailed);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var plan = Planner.Create(stack);
            switch (options.Command)
            {
                case "preview":
                    var (previewPlan, live) = await PreviewLiveStateAsync(stack, plan, report, host, output, cancellationToken).ConfigureAwait(false);
                    diff = Differ.Diff(previewPlan, live);
                    output.Preview(diff);
                    return Finish(ExitCodes.Ok);

                case "render":
                    var directory = Path.GetFullPath(options.Directory ?? "out", host.Secrets.WorkingDirectory);
                    var files = PlanRenderer.Render(plan);
                    await PlanRenderer.WriteAsync(files, directory, cancellationToken).ConfigureAwait(false);
                    output.Files(files, directory);
                    return Finish(ExitCodes.Ok);

                default:
                    foreach (var missing in report.MissingCredentials)
                    {
                        output.Notice($"missing credentials: {missing}");
                    }

                    int code;
                    (code, diff) = await new EngineCommands(options, host, output, tally).RunAsync(stack, plan, cancellationToken).ConfigureAwait(false);
                    return Finish(code);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Failure(options.Command is "up" or "destroy"
                ? $"interrupted: '{options.Command}' stopped before it finished; run it again to finish the job (it continues from what exists)"
                : "interrupted");
            return Finish(ExitCodes.Interrupted);
        }
        catch (MissingCredentialsException e)
        {
            output.Failure(e.Message);
            return Finish(ExitCodes.MissingCredentials);
        }
        catch (NotSupportedException e)
        {
            output.Failure($"'{options.Command}' is not available in this build: {e.Message}");
            return Finish(ExitCodes.NotImplemented);
        }
        catch (Exception e) when (e is ClusterUnreachableException or ApplyFailedException or WaitFailedException or KubeApiException)
        {
            output.Failure($"{options.Command} failed: {e.Message}");
            if (options.Command == "up")
            {
                output.Notice("Nothing is reported as done that was not; fix the cause and run 'up' again: it continues from what exists.");
            }

            return Finish(ExitCodes.ApplyFailed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Failure(e.Message);
            return Finish(ExitCodes.ApplyFailed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Secret values only travel in request bodies, never in exception messages, so the message is safe to show.
            output.Failure($"internal error ({e.GetType().Name}: {e.Message}); please report it{(options.Verbose ? "\n" + e.StackTrace : " with the --verbose output")}");
            return Finish(ExitCodes.InternalError);
        }
    }

    /// <summary>
    /// What preview compares with: the clusters' live objects when every cluster can be read (credentials present, a
    /// connector for its node source, the API server reachable); otherwise an empty world, and the notice says why.
    /// Reading makes only GET/LIST requests.
    /// </summary>
    private static async Task<(Plan Plan, LiveState Live)> PreviewLiveStateAsync(Stack stack, Plan plan, ValidationReport report, ProgramHost host, IOutput output, CancellationToken cancellationToken)
    {
        if (report.MissingCredentials.Count > 0)
        {
            var why = $"credentials are missing ({string.Join("; ", report.MissingCredentials)})";
            output.Notice($"Previewing stack '{stack.Name}' against an empty world: {why}, nothing was read from a cloud or cluster. "
                + $"{(NotRead(stack, why).Count > 0 ? "Cloud resources and k3s installs show as '?' (not read: up creates what is missing); " : "")}Kubernetes objects show as to create.");
            return (plan, LiveState.Empty with { Infrastructure = NotRead(stack, why) });
        }

        try
        {
            var engine = new StackEngine(stack, plan, host.Secrets, host.Connectors, host.Engine, NoReporter.Instance);
            engine.EnsureConnectors();
            var live = await engine.ReadLiveAsync(cancellationToken).ConfigureAwait(false);
            foreach (var note in engine.Notes)
            {
                output.Notice(note);
            }

            return (engine.Plan, live);
        }
        catch (Exception e) when (e is NotSupportedException or MissingCredentialsException or ClusterUnreachableException or KubeApiException)
        {
            var why = $"the live state cannot be read ({e.Message})";
            output.Notice($"Previewing stack '{stack.Name}' against an empty world: {why}. "
                + $"{(NotRead(stack, why).Count > 0 ? "Cloud resources and k3s installs show as '?' (not read); " : "")}Kubernetes objects show as to create.");
            return (plan, LiveState.Empty with { Infrastructure = NotRead(stack, why) });
        }
    }

    /// <summary>The clusters whose machines ShapeBlock makes, marked as not read (and why).</summary>
    private static Dictionary<string, InfrastructureState> NotRead(Stack stack, string why) =>
        stack.Clusters.Where(c => c.Args.Provider is { InstallsK3s: true }).ToDictionary(c => c.Name, c => new InfrastructureState(c.Name) { NotRead = why }, StringComparer.Ordinal);

    private sealed class NoReporter : IEngineReporter
    {
        public static readonly NoReporter Instance = new();

        public void Report(EngineEvent engineEvent)
        {
        }
    }
}

using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Cli;

/// <summary>Runs one command: declare the stack, validate it, then preview, render or (later) apply it.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CommandOptions options, Action<Stack> define, ProgramHost host, CancellationToken cancellationToken)
    {
        IOutput output = options.Json ? new JsonOutput(host, options.Verbose)
            : host.IsTerminal ? new SpectreOutput(host, options.Verbose)
            : new PlainOutput(host, options.Verbose);
        output.Start(options);
        PlanDiff? diff = null;
        int Finish(int code)
        {
            output.Result(options, code, diff);
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
                    output.Notice(report.MissingCredentials.Count > 0
                        ? $"Previewing stack '{stack.Name}' against an empty world: credentials are missing ({string.Join("; ", report.MissingCredentials)}), nothing was read from a cloud or cluster and everything shows as to create."
                        : $"Reading live state is not implemented yet in this build: previewing stack '{stack.Name}' against an empty world — everything shows as to create.");
                    diff = Differ.Diff(plan, LiveState.Empty);
                    output.Preview(diff);
                    return Finish(ExitCodes.Ok);

                case "render":
                    var directory = Path.GetFullPath(options.Directory ?? "out", host.Secrets.WorkingDirectory);
                    var files = PlanRenderer.Render(plan);
                    await PlanRenderer.WriteAsync(files, directory, cancellationToken).ConfigureAwait(false);
                    output.Files(files, directory);
                    return Finish(ExitCodes.Ok);

                case "kubeconfig" when stack.Clusters.Count == 1 && stack.Clusters[0].Args.Provider is ExistingCluster { KubeconfigPath: { } path }:
                    output.Notice($"The cluster uses the kubeconfig at {host.Secrets.ResolvePath(path)}.");
                    return Finish(ExitCodes.Ok);

                default:
                    foreach (var missing in report.MissingCredentials)
                    {
                        output.Notice($"missing credentials: {missing}");
                    }

                    output.Failure($"'{options.Command}' is not implemented yet in this build (exit code {ExitCodes.NotImplemented}). "
                        + "Use 'preview' to see the plan and 'render <dir>' to write every manifest and script it would apply.");
                    return Finish(ExitCodes.NotImplemented);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Failure("interrupted; nothing was left half-applied by this build (a re-run starts over)");
            return Finish(ExitCodes.Interrupted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Failure(e.Message);
            return Finish(ExitCodes.ApplyFailed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Secrets are never revealed in this build, so an exception cannot carry one.
            output.Failure($"internal error ({e.GetType().Name}: {e.Message}); please report it{(options.Verbose ? "\n" + e.StackTrace : " with the --verbose output")}");
            return Finish(ExitCodes.InternalError);
        }
    }
}

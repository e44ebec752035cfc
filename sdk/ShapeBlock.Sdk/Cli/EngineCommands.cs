using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Cli;

/// <summary>The commands that talk to clusters: <c>up</c>, <c>destroy</c>, <c>status</c>, <c>kubeconfig</c>.</summary>
internal sealed class EngineCommands(CommandOptions options, ProgramHost host, IOutput output, EngineTally tally)
{
    private readonly Reporter reporter = new(output, tally);

    public async Task<(int Code, PlanDiff? Diff)> RunAsync(Stack stack, Plan plan, CancellationToken cancellationToken)
    {
        var engine = new StackEngine(stack, plan, host.Secrets, host.Connectors, options.Force ? host.Engine with { Force = true } : host.Engine, reporter);
        // Every cluster must be reachable by this build before anything is done to any of them.
        engine.EnsureConnectors();
        switch (options.Command)
        {
            case "up":
                var live = await engine.ReadLiveAsync(cancellationToken).ConfigureAwait(false);
                var diff = Differ.Diff(engine.Plan, live);
                if (!diff.IsEmpty && !options.Yes)
                {
                    output.Preview(diff);
                    if (!Confirm($"Apply these changes to stack '{stack.Name}'?", "up"))
                    {
                        return (ExitCodes.NotConfirmed, diff);
                    }
                }
                else if (diff.IsEmpty)
                {
                    output.Notice($"Stack '{stack.Name}' matches the cluster: nothing to create, update or delete (secret values are checked while applying).");
                }

                await engine.UpAsync(!options.NoWait, cancellationToken).ConfigureAwait(false);
                return (ExitCodes.Ok, diff);

            case "destroy":
                if (!options.Yes && !Confirm(DestroyQuestion(stack), "destroy"))
                {
                    return (ExitCodes.NotConfirmed, null);
                }

                await engine.DestroyAsync(cancellationToken).ConfigureAwait(false);
                return (ExitCodes.Ok, null);

            case "status":
                output.Status(await engine.StatusAsync(cancellationToken).ConfigureAwait(false));
                return (ExitCodes.Ok, null);

            default:
                if (stack.Clusters.Count != 1 && options.Command == "kubeconfig")
                {
                    output.Failure($"'kubeconfig' prints one cluster's kubeconfig; stack '{stack.Name}' has {stack.Clusters.Count} clusters. Declare one cluster per stack or use a separate program.");
                    return (ExitCodes.Usage, null);
                }

                var connection = await engine.ConnectAsync(stack.Clusters[0], provision: false, cancellationToken).ConfigureAwait(false);
                output.Kubeconfig(connection, connection.Reveal());
                return (ExitCodes.Ok, null);
        }
    }

    private bool Confirm(string question, string command)
    {
        if (host.Input is null || options.Json)
        {
            output.Failure($"{question} Not confirmed: standard input is not interactive{(options.Json ? " (--json)" : "")}, so '{command}' cannot ask. Re-run with --yes to {(command == "up" ? "apply the changes shown" : "delete")} without confirmation.");
            return false;
        }

        host.Error.Write($"{question} [y/N] ");
        var answer = host.Input.ReadLine()?.Trim();
        if (answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        output.Failure($"'{command}' was not confirmed; nothing was changed.");
        return false;
    }

    /// <summary>Counts events, then shows them.</summary>
    private sealed class Reporter(IOutput output, EngineTally tally) : IEngineReporter
    {
        public void Report(EngineEvent engineEvent)
        {
            tally.Add(engineEvent.Kind);
            output.Report(engineEvent);
        }
    }

    /// <summary>What destroy will remove, per cluster: machines for provisioned clusters, the stack's objects for existing ones.</summary>
    private static string DestroyQuestion(Stack stack)
    {
        var parts = stack.Clusters.Select(c => c.Args.Provider switch
        {
            ExistingCluster => $"{c.Name}: the projects, apps, builds, services (their data if so declared), teams and the platform the stack created",
            SshMachines => $"{c.Name}: uninstall k3s from its machines (everything running on the cluster goes with it)",
            _ => $"{c.Name}: delete its servers, load balancer, network, firewall and SSH key (everything running on the cluster goes with it)",
        });
        return $"Destroy stack '{stack.Name}'? {string.Join("; ", parts)}.";
    }
}

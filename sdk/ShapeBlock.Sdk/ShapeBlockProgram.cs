using System.CommandLine;
using ShapeBlock.Sdk.Cli;

namespace ShapeBlock.Sdk;

/// <summary>
/// Turns a C# program into the ShapeBlock CLI:
/// <code>
/// return await ShapeBlockProgram.RunAsync(args, stack =>
/// {
///     var cluster = stack.Add(new Cluster("prod", new ClusterArgs { … }));
///     var shop = cluster.AddProject("shop");
///     shop.AddApp("web", new AppArgs { … });
/// });
/// </code>
/// Commands: <c>preview</c>, <c>up [--yes] [--no-wait]</c>, <c>destroy [--yes]</c>, <c>render &lt;dir&gt;</c>,
/// <c>status</c>, <c>kubeconfig</c>; global options <c>--stack &lt;name&gt;</c> (default <c>dev</c>), <c>--json</c>,
/// <c>--verbose</c>. Exit codes are in <see cref="ExitCodes"/>.
/// </summary>
public static class ShapeBlockProgram
{
    /// <summary>Parses the command line, declares the stack with <paramref name="define"/> and runs the command on the console.</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="define">Declares the stack's clusters, projects, apps, services and teams.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl-C also does).</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, Action<Stack> define, CancellationToken cancellationToken = default) =>
        RunAsync(args, define, ProgramHost.Console, cancellationToken);

    /// <summary>Like <see cref="RunAsync(string[], Action{Stack}, CancellationToken)"/>, writing to and reading from <paramref name="host"/> (tests, embedding).</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="define">Declares the stack.</param>
    /// <param name="host">Output writers, terminal detection and the environment secrets are read from.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, Action<Stack> define, ProgramHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(define);
        ArgumentNullException.ThrowIfNull(host);

        var stack = new Option<string>("--stack", "-s") { Description = "The stack (deployment) to work on.", DefaultValueFactory = _ => "dev", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Write NDJSON events and a closing JSON result instead of text.", Recursive = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show every field of new resources, dependencies and exit codes.", Recursive = true };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once applied; do not wait for apps, builds and the operator to be ready." };
        var force = new Option<bool>("--force") { Description = "Do what is refused by default when provisioning: remove masters below etcd's quorum, remove a node whose pods cannot be evicted within the drain timeout, install on hosts under the memory minimum." };
        var directory = new Argument<string>("dir") { Description = "The directory to write into (created when missing)." };

        var root = new RootCommand("Declare, preview and apply a ShapeBlock stack (k3s clusters, projects, apps, services, teams).");
        root.Options.Add(stack);
        root.Options.Add(json);
        root.Options.Add(verbose);

        var commands = new[]
        {
            new Command("preview", "Show what up would create, update and delete (no credentials needed: previews against an empty world)."),
            new Command("up", "Apply the stack and wait for apps and builds to be ready.") { Options = { yes, noWait, force } },
            new Command("destroy", "Remove everything the stack owns.") { Options = { yes } },
            new Command("render", "Write every manifest, script and values file up would apply into a directory.") { Arguments = { directory } },
            new Command("status", "Show clusters, nodes, projects and apps with their phase and URL."),
            new Command("kubeconfig", "Print the cluster's kubeconfig (a secret: handle with care)."),
        };
        foreach (var command in commands)
        {
            command.SetAction((result, token) =>
            {
                var options = new CommandOptions(command.Name, result.GetValue(stack) ?? "dev", result.GetValue(json), result.GetValue(verbose))
                {
                    Yes = command.Name is "up" or "destroy" && result.GetValue(yes),
                    NoWait = command.Name == "up" && result.GetValue(noWait),
                    Force = command.Name == "up" && result.GetValue(force),
                    Directory = command.Name == "render" ? result.GetValue(directory) : null,
                };
                return CommandRunner.RunAsync(options, define, host, token);
            });
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await host.Error.WriteLineAsync("Run with --help for the commands and options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
    }
}

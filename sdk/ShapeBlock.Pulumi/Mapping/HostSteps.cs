using Pulumi;
using Pulumi.Command.Remote;
using Pulumi.Command.Remote.Inputs;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>
/// Maps a host step to a <c>command:remote:Command</c>: the script is the core's own rendering of the step
/// (<see cref="ShellScript"/>); secret variables the script reads (<c>K3S_TOKEN</c>) travel on standard input, never in
/// the command text or the environment map, and are read into the shell first.
/// </summary>
internal static class HostSteps
{
    public static Command Map(ClusterMapping mapping, PlanStep step, Resource parent, Input<string>? privateKey, bool secretOutput)
    {
        var script = step.Script ?? throw new InvalidOperationException($"Plan step {step.Id} is a host step without a script.");
        var secrets = script.Commands.SelectMany(c => c.Environment).Where(e => e.Secret is not null).ToList();
        var prelude = string.Concat(secrets.Select(e => $"IFS= read -r {e.Name}\n"));
        var args = new CommandArgs
        {
            Connection = new ConnectionArgs
            {
                Host = mapping.Placeholders.Resolve(script.Address),
                User = script.User,
                Port = script.Port,
                PrivateKey = privateKey,
            },
            Create = mapping.Placeholders.Resolve(prelude + ShellScript.Render(script, step.Title)),
        };
        if (secrets.Count > 0)
        {
            args.Stdin = Output.CreateSecret(Output.All(secrets.Select(e => mapping.Secrets.Value(e.Secret!)))
                .Apply(values => string.Concat(values.Select(v => v + "\n"))));
        }

        var options = new CustomResourceOptions { Parent = parent, DependsOn = mapping.DependsOn(step) };
        if (secretOutput)
        {
            options.AdditionalSecretOutputs = ["stdout", "stderr"];
        }

        var command = new Command($"{step.Cluster}-{step.Slug}", args, options);
        mapping.Add(step, command);
        return command;
    }
}

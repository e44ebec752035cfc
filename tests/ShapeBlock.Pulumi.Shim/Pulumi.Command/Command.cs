// Shim of the Pulumi.Command package (pulumi/pulumi-command sdk/dotnet): only what ShapeBlock.Pulumi uses.
namespace Pulumi.Command.Remote
{
    /// <summary>Shim of <c>Pulumi.Command.Remote.Command</c>: runs a command over SSH.</summary>
    public partial class Command : global::Pulumi.CustomResource
    {
        /// <summary>Standard output.</summary>
        [Output("stdout")]
        public Output<string> Stdout { get; private set; } = null!;

        /// <summary>Standard error.</summary>
        [Output("stderr")]
        public Output<string> Stderr { get; private set; } = null!;

        /// <summary>Registers the command.</summary>
        public Command(string name, CommandArgs args, CustomResourceOptions? options = null)
            : base("command:remote:Command", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.Command.Remote.CommandArgs</c>.</summary>
    public sealed class CommandArgs : global::Pulumi.ResourceArgs
    {
        [Input("connection", required: true)]
        private Input<Inputs.ConnectionArgs>? _connection;

        /// <summary>How to reach the host (kept secret: it may hold a key).</summary>
        public Input<Inputs.ConnectionArgs>? Connection
        {
            get => _connection;
            set
            {
                if (value is null)
                {
                    _connection = null;
                    return;
                }

                Output<Inputs.ConnectionArgs> output = value;
                _connection = Output.CreateSecret(output);
            }
        }

        /// <summary>The command run on create.</summary>
        [Input("create")]
        public Input<string>? Create { get; set; }

        /// <summary>The command run on delete.</summary>
        [Input("delete")]
        public Input<string>? Delete { get; set; }

        [Input("environment")]
        private InputMap<string>? _environment;

        /// <summary>Environment variables.</summary>
        public InputMap<string> Environment { get => _environment ??= new InputMap<string>(); set => _environment = value; }

        /// <summary>Standard input.</summary>
        [Input("stdin")]
        public Input<string>? Stdin { get; set; }

        [Input("triggers")]
        private InputList<object>? _triggers;

        /// <summary>Values whose change re-runs the command.</summary>
        public InputList<object> Triggers { get => _triggers ??= new InputList<object>(); set => _triggers = value; }

        /// <summary>The command run on update.</summary>
        [Input("update")]
        public Input<string>? Update { get; set; }
    }
}

namespace Pulumi.Command.Remote.Inputs
{
    /// <summary>Shim of <c>Pulumi.Command.Remote.Inputs.ConnectionArgs</c>.</summary>
    public sealed class ConnectionArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The SSH agent socket.</summary>
        [Input("agentSocketPath")]
        public Input<string>? AgentSocketPath { get; set; }

        /// <summary>The host.</summary>
        [Input("host", required: true)]
        public Input<string> Host { get; set; } = null!;

        /// <summary>The port.</summary>
        [Input("port")]
        public Input<double>? Port { get; set; }

        [Input("privateKey")]
        private Input<string>? _privateKey;

        /// <summary>The private key (kept secret).</summary>
        public Input<string>? PrivateKey
        {
            get => _privateKey;
            set
            {
                if (value is null)
                {
                    _privateKey = null;
                    return;
                }

                Output<string> output = value;
                _privateKey = Output.CreateSecret(output);
            }
        }

        /// <summary>The user.</summary>
        [Input("user")]
        public Input<string>? User { get; set; }
    }
}

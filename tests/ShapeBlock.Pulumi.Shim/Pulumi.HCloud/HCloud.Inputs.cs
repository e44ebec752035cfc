// Shim of the Pulumi.HCloud package's input types (pulumi/pulumi-hcloud sdk/dotnet/Inputs): only what ShapeBlock.Pulumi uses.
namespace Pulumi.HCloud.Inputs
{
    /// <summary>Shim of <c>Pulumi.HCloud.Inputs.FirewallRuleArgs</c>.</summary>
    public sealed class FirewallRuleArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>What the rule is for.</summary>
        [Input("description")]
        public Input<string>? Description { get; set; }

        /// <summary><c>in</c> or <c>out</c>.</summary>
        [Input("direction", required: true)]
        public Input<string> Direction { get; set; } = null!;

        /// <summary>The port or range.</summary>
        [Input("port")]
        public Input<string>? Port { get; set; }

        /// <summary>The protocol.</summary>
        [Input("protocol", required: true)]
        public Input<string> Protocol { get; set; } = null!;

        [Input("sourceIps")]
        private InputList<string>? _sourceIps;

        /// <summary>Allowed sources.</summary>
        public InputList<string> SourceIps { get => _sourceIps ??= new InputList<string>(); set => _sourceIps = value; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.Inputs.FirewallApplyToArgs</c>.</summary>
    public sealed class FirewallApplyToArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>A label selector.</summary>
        [Input("labelSelector")]
        public Input<string>? LabelSelector { get; set; }

        /// <summary>A server id.</summary>
        [Input("server")]
        public Input<int>? Server { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.Inputs.ServerNetworkArgs</c>.</summary>
    public sealed class ServerNetworkArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The private IP.</summary>
        [Input("ip")]
        public Input<string>? Ip { get; set; }

        /// <summary>The network id.</summary>
        [Input("networkId")]
        public Input<int>? NetworkId { get; set; }
    }
}

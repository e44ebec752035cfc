// Shim of the Pulumi.HCloud package (pulumi/pulumi-hcloud sdk/dotnet): only the resources and inputs ShapeBlock.Pulumi uses.
using System.Collections.Immutable;

namespace Pulumi.HCloud
{
    /// <summary>Shim of <c>Pulumi.HCloud.Provider</c>.</summary>
    public partial class Provider : global::Pulumi.ProviderResource
    {
        /// <summary>Registers the provider.</summary>
        public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
            : base("hcloud", name, args ?? new ProviderArgs(), options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.ProviderArgs</c>.</summary>
    public sealed class ProviderArgs : global::Pulumi.ResourceArgs
    {
        [Input("token")]
        private Input<string>? _token;

        /// <summary>The Hetzner Cloud API token (kept secret).</summary>
        public Input<string>? Token
        {
            get => _token;
            set => _token = Secret(value);
        }

        private static Input<string>? Secret(Input<string>? value)
        {
            if (value is null)
            {
                return null;
            }

            Output<string> output = value;
            return Output.CreateSecret(output);
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.SshKey</c>.</summary>
    public partial class SshKey : global::Pulumi.CustomResource
    {
        /// <summary>The key name.</summary>
        [Output("name")]
        public Output<string> Name { get; private set; } = null!;

        /// <summary>Registers the key.</summary>
        public SshKey(string name, SshKeyArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/sshKey:SshKey", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.SshKeyArgs</c>.</summary>
    public sealed class SshKeyArgs : global::Pulumi.ResourceArgs
    {
        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The key name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The public key.</summary>
        [Input("publicKey", required: true)]
        public Input<string> PublicKey { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.HCloud.Network</c>.</summary>
    public partial class Network : global::Pulumi.CustomResource
    {
        /// <summary>Registers the network.</summary>
        public Network(string name, NetworkArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/network:Network", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.NetworkArgs</c>.</summary>
    public sealed class NetworkArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The address range.</summary>
        [Input("ipRange", required: true)]
        public Input<string> IpRange { get; set; } = null!;

        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The network name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.NetworkSubnet</c>.</summary>
    public partial class NetworkSubnet : global::Pulumi.CustomResource
    {
        /// <summary>Registers the subnet.</summary>
        public NetworkSubnet(string name, NetworkSubnetArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/networkSubnet:NetworkSubnet", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.NetworkSubnetArgs</c>.</summary>
    public sealed class NetworkSubnetArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The subnet range.</summary>
        [Input("ipRange", required: true)]
        public Input<string> IpRange { get; set; } = null!;

        /// <summary>The network id.</summary>
        [Input("networkId", required: true)]
        public Input<int> NetworkId { get; set; } = null!;

        /// <summary>The network zone.</summary>
        [Input("networkZone", required: true)]
        public Input<string> NetworkZone { get; set; } = null!;

        /// <summary>The subnet type.</summary>
        [Input("type", required: true)]
        public Input<string> Type { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.HCloud.Firewall</c>.</summary>
    public partial class Firewall : global::Pulumi.CustomResource
    {
        /// <summary>Registers the firewall.</summary>
        public Firewall(string name, FirewallArgs? args = null, CustomResourceOptions? options = null)
            : base("hcloud:index/firewall:Firewall", name, args ?? new FirewallArgs(), options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.FirewallArgs</c>.</summary>
    public sealed class FirewallArgs : global::Pulumi.ResourceArgs
    {
        [Input("applyTos")]
        private InputList<Inputs.FirewallApplyToArgs>? _applyTos;

        /// <summary>What the firewall applies to.</summary>
        public InputList<Inputs.FirewallApplyToArgs> ApplyTos { get => _applyTos ??= new InputList<Inputs.FirewallApplyToArgs>(); set => _applyTos = value; }

        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The firewall name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        [Input("rules")]
        private InputList<Inputs.FirewallRuleArgs>? _rules;

        /// <summary>The rules.</summary>
        public InputList<Inputs.FirewallRuleArgs> Rules { get => _rules ??= new InputList<Inputs.FirewallRuleArgs>(); set => _rules = value; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.PlacementGroup</c>.</summary>
    public partial class PlacementGroup : global::Pulumi.CustomResource
    {
        /// <summary>Registers the placement group.</summary>
        public PlacementGroup(string name, PlacementGroupArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/placementGroup:PlacementGroup", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.PlacementGroupArgs</c>.</summary>
    public sealed class PlacementGroupArgs : global::Pulumi.ResourceArgs
    {
        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The type (<c>spread</c>).</summary>
        [Input("type", required: true)]
        public Input<string> Type { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancer</c>.</summary>
    public partial class LoadBalancer : global::Pulumi.CustomResource
    {
        /// <summary>The public IPv4.</summary>
        [Output("ipv4")]
        public Output<string> Ipv4 { get; private set; } = null!;

        /// <summary>Registers the load balancer.</summary>
        public LoadBalancer(string name, LoadBalancerArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/loadBalancer:LoadBalancer", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerArgs</c>.</summary>
    public sealed class LoadBalancerArgs : global::Pulumi.ResourceArgs
    {
        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The type, e.g. <c>lb11</c>.</summary>
        [Input("loadBalancerType", required: true)]
        public Input<string> LoadBalancerType { get; set; } = null!;

        /// <summary>The location.</summary>
        [Input("location")]
        public Input<string>? Location { get; set; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerNetwork</c>.</summary>
    public partial class LoadBalancerNetwork : global::Pulumi.CustomResource
    {
        /// <summary>Registers the attachment.</summary>
        public LoadBalancerNetwork(string name, LoadBalancerNetworkArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/loadBalancerNetwork:LoadBalancerNetwork", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerNetworkArgs</c>.</summary>
    public sealed class LoadBalancerNetworkArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The load balancer id.</summary>
        [Input("loadBalancerId", required: true)]
        public Input<int> LoadBalancerId { get; set; } = null!;

        /// <summary>The network id.</summary>
        [Input("networkId")]
        public Input<int>? NetworkId { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerService</c>.</summary>
    public partial class LoadBalancerService : global::Pulumi.CustomResource
    {
        /// <summary>Registers the service.</summary>
        public LoadBalancerService(string name, LoadBalancerServiceArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/loadBalancerService:LoadBalancerService", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerServiceArgs</c>.</summary>
    public sealed class LoadBalancerServiceArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The target port.</summary>
        [Input("destinationPort")]
        public Input<int>? DestinationPort { get; set; }

        /// <summary>The listen port.</summary>
        [Input("listenPort")]
        public Input<int>? ListenPort { get; set; }

        /// <summary>The load balancer id.</summary>
        [Input("loadBalancerId", required: true)]
        public Input<string> LoadBalancerId { get; set; } = null!;

        /// <summary>The protocol.</summary>
        [Input("protocol", required: true)]
        public Input<string> Protocol { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerTarget</c>.</summary>
    public partial class LoadBalancerTarget : global::Pulumi.CustomResource
    {
        /// <summary>Registers the target.</summary>
        public LoadBalancerTarget(string name, LoadBalancerTargetArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/loadBalancerTarget:LoadBalancerTarget", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.LoadBalancerTargetArgs</c>.</summary>
    public sealed class LoadBalancerTargetArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The label selector.</summary>
        [Input("labelSelector")]
        public Input<string>? LabelSelector { get; set; }

        /// <summary>The load balancer id.</summary>
        [Input("loadBalancerId", required: true)]
        public Input<int> LoadBalancerId { get; set; } = null!;

        /// <summary>The target type.</summary>
        [Input("type", required: true)]
        public Input<string> Type { get; set; } = null!;

        /// <summary>Reach targets over the private network.</summary>
        [Input("usePrivateIp")]
        public Input<bool>? UsePrivateIp { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.Server</c>.</summary>
    public partial class Server : global::Pulumi.CustomResource
    {
        /// <summary>The public IPv4.</summary>
        [Output("ipv4Address")]
        public Output<string> Ipv4Address { get; private set; } = null!;

        /// <summary>The server's networks.</summary>
        [Output("labels")]
        public Output<ImmutableDictionary<string, string>?> Labels { get; private set; } = null!;

        /// <summary>Registers the server.</summary>
        public Server(string name, ServerArgs args, CustomResourceOptions? options = null)
            : base("hcloud:index/server:Server", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.HCloud.ServerArgs</c>.</summary>
    public sealed class ServerArgs : global::Pulumi.ResourceArgs
    {
        [Input("firewallIds")]
        private InputList<int>? _firewallIds;

        /// <summary>Firewalls applied to the server.</summary>
        public InputList<int> FirewallIds { get => _firewallIds ??= new InputList<int>(); set => _firewallIds = value; }

        /// <summary>The OS image.</summary>
        [Input("image")]
        public Input<string>? Image { get; set; }

        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The location.</summary>
        [Input("location")]
        public Input<string>? Location { get; set; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        [Input("networks")]
        private InputList<Inputs.ServerNetworkArgs>? _networks;

        /// <summary>Private networks.</summary>
        public InputList<Inputs.ServerNetworkArgs> Networks { get => _networks ??= new InputList<Inputs.ServerNetworkArgs>(); set => _networks = value; }

        /// <summary>The placement group.</summary>
        [Input("placementGroupId")]
        public Input<int>? PlacementGroupId { get; set; }

        /// <summary>The server type.</summary>
        [Input("serverType", required: true)]
        public Input<string> ServerType { get; set; } = null!;

        [Input("sshKeys")]
        private InputList<string>? _sshKeys;

        /// <summary>SSH key ids or names.</summary>
        public InputList<string> SshKeys { get => _sshKeys ??= new InputList<string>(); set => _sshKeys = value; }
    }
}

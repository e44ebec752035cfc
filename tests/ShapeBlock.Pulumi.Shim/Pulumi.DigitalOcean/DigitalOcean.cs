// Shim of the Pulumi.DigitalOcean package (pulumi/pulumi-digitalocean sdk/dotnet): only what ShapeBlock.Pulumi uses.
namespace Pulumi.DigitalOcean
{
    /// <summary>Shim of <c>Pulumi.DigitalOcean.Region</c> (an enum-like struct).</summary>
    public readonly struct Region : IEquatable<Region>
    {
        private readonly string value;

        private Region(string value) => this.value = value ?? throw new ArgumentNullException(nameof(value));

        /// <summary>Frankfurt 1.</summary>
        public static Region FRA1 { get; } = new("fra1");

        /// <inheritdoc />
        public bool Equals(Region other) => string.Equals(value, other.value, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Region other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => value?.GetHashCode(StringComparison.Ordinal) ?? 0;

        /// <inheritdoc />
        public override string ToString() => value;

        /// <summary>Equality.</summary>
        public static bool operator ==(Region left, Region right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(Region left, Region right) => !left.Equals(right);

        /// <summary>The value.</summary>
        public static explicit operator string(Region value) => value.value;
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.DropletSlug</c> (an enum-like struct).</summary>
    public readonly struct DropletSlug : IEquatable<DropletSlug>
    {
        private readonly string value;

        private DropletSlug(string value) => this.value = value ?? throw new ArgumentNullException(nameof(value));

        /// <summary>2 vCPU, 4 GB.</summary>
        public static DropletSlug DropletS2VCPU4GB { get; } = new("s-2vcpu-4gb");

        /// <inheritdoc />
        public bool Equals(DropletSlug other) => string.Equals(value, other.value, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is DropletSlug other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => value?.GetHashCode(StringComparison.Ordinal) ?? 0;

        /// <inheritdoc />
        public override string ToString() => value;

        /// <summary>Equality.</summary>
        public static bool operator ==(DropletSlug left, DropletSlug right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(DropletSlug left, DropletSlug right) => !left.Equals(right);

        /// <summary>The value.</summary>
        public static explicit operator string(DropletSlug value) => value.value;
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.Provider</c>.</summary>
    public partial class Provider : global::Pulumi.ProviderResource
    {
        /// <summary>Registers the provider.</summary>
        public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
            : base("digitalocean", name, args ?? new ProviderArgs(), options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.ProviderArgs</c>.</summary>
    public sealed class ProviderArgs : global::Pulumi.ResourceArgs
    {
        [Input("token")]
        private Input<string>? _token;

        /// <summary>The API token (kept secret).</summary>
        public Input<string>? Token
        {
            get => _token;
            set
            {
                if (value is null)
                {
                    _token = null;
                    return;
                }

                Output<string> output = value;
                _token = Output.CreateSecret(output);
            }
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.SshKey</c>.</summary>
    public partial class SshKey : global::Pulumi.CustomResource
    {
        /// <summary>The key's fingerprint.</summary>
        [Output("fingerprint")]
        public Output<string> Fingerprint { get; private set; } = null!;

        /// <summary>Registers the key.</summary>
        public SshKey(string name, SshKeyArgs args, CustomResourceOptions? options = null)
            : base("digitalocean:index/sshKey:SshKey", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.SshKeyArgs</c>.</summary>
    public sealed class SshKeyArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The public key.</summary>
        [Input("publicKey", required: true)]
        public Input<string> PublicKey { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.Vpc</c>.</summary>
    public partial class Vpc : global::Pulumi.CustomResource
    {
        /// <summary>Registers the VPC.</summary>
        public Vpc(string name, VpcArgs args, CustomResourceOptions? options = null)
            : base("digitalocean:index/vpc:Vpc", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.VpcArgs</c>.</summary>
    public sealed class VpcArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The address range.</summary>
        [Input("ipRange")]
        public Input<string>? IpRange { get; set; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The region.</summary>
        [Input("region", required: true)]
        public Input<string> Region { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.Firewall</c>.</summary>
    public partial class Firewall : global::Pulumi.CustomResource
    {
        /// <summary>Registers the firewall.</summary>
        public Firewall(string name, FirewallArgs? args = null, CustomResourceOptions? options = null)
            : base("digitalocean:index/firewall:Firewall", name, args ?? new FirewallArgs(), options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.FirewallArgs</c>.</summary>
    public sealed class FirewallArgs : global::Pulumi.ResourceArgs
    {
        [Input("inboundRules")]
        private InputList<Inputs.FirewallInboundRuleArgs>? _inboundRules;

        /// <summary>Inbound rules.</summary>
        public InputList<Inputs.FirewallInboundRuleArgs> InboundRules { get => _inboundRules ??= new InputList<Inputs.FirewallInboundRuleArgs>(); set => _inboundRules = value; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        [Input("outboundRules")]
        private InputList<Inputs.FirewallOutboundRuleArgs>? _outboundRules;

        /// <summary>Outbound rules.</summary>
        public InputList<Inputs.FirewallOutboundRuleArgs> OutboundRules { get => _outboundRules ??= new InputList<Inputs.FirewallOutboundRuleArgs>(); set => _outboundRules = value; }

        [Input("tags")]
        private InputList<string>? _tags;

        /// <summary>Droplets with these tags get the firewall.</summary>
        public InputList<string> Tags { get => _tags ??= new InputList<string>(); set => _tags = value; }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.LoadBalancer</c>.</summary>
    public partial class LoadBalancer : global::Pulumi.CustomResource
    {
        /// <summary>The public IP.</summary>
        [Output("ip")]
        public Output<string> Ip { get; private set; } = null!;

        /// <summary>Registers the load balancer.</summary>
        public LoadBalancer(string name, LoadBalancerArgs? args = null, CustomResourceOptions? options = null)
            : base("digitalocean:index/loadBalancer:LoadBalancer", name, args ?? new LoadBalancerArgs(), options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.LoadBalancerArgs</c>.</summary>
    public sealed class LoadBalancerArgs : global::Pulumi.ResourceArgs
    {
        [Input("dropletIds")]
        private InputList<int>? _dropletIds;

        /// <summary>The droplets behind it.</summary>
        public InputList<int> DropletIds { get => _dropletIds ??= new InputList<int>(); set => _dropletIds = value; }

        [Input("forwardingRules")]
        private InputList<Inputs.LoadBalancerForwardingRuleArgs>? _forwardingRules;

        /// <summary>What it forwards.</summary>
        public InputList<Inputs.LoadBalancerForwardingRuleArgs> ForwardingRules { get => _forwardingRules ??= new InputList<Inputs.LoadBalancerForwardingRuleArgs>(); set => _forwardingRules = value; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The region.</summary>
        [Input("region")]
        public InputUnion<string, Pulumi.DigitalOcean.Region>? Region { get; set; }

        /// <summary>The VPC.</summary>
        [Input("vpcUuid")]
        public Input<string>? VpcUuid { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.Droplet</c>.</summary>
    public partial class Droplet : global::Pulumi.CustomResource
    {
        /// <summary>The public IPv4.</summary>
        [Output("ipv4Address")]
        public Output<string> Ipv4Address { get; private set; } = null!;

        /// <summary>The private (VPC) IPv4.</summary>
        [Output("ipv4AddressPrivate")]
        public Output<string> Ipv4AddressPrivate { get; private set; } = null!;

        /// <summary>Registers the droplet.</summary>
        public Droplet(string name, DropletArgs args, CustomResourceOptions? options = null)
            : base("digitalocean:index/droplet:Droplet", name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.DropletArgs</c>.</summary>
    public sealed class DropletArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The image.</summary>
        [Input("image", required: true)]
        public Input<string> Image { get; set; } = null!;

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The region.</summary>
        [Input("region")]
        public InputUnion<string, Pulumi.DigitalOcean.Region>? Region { get; set; }

        /// <summary>The size slug.</summary>
        [Input("size", required: true)]
        public InputUnion<string, Pulumi.DigitalOcean.DropletSlug> Size { get; set; } = null!;

        [Input("sshKeys")]
        private InputList<string>? _sshKeys;

        /// <summary>SSH key ids or fingerprints.</summary>
        public InputList<string> SshKeys { get => _sshKeys ??= new InputList<string>(); set => _sshKeys = value; }

        [Input("tags")]
        private InputList<string>? _tags;

        /// <summary>Tags.</summary>
        public InputList<string> Tags { get => _tags ??= new InputList<string>(); set => _tags = value; }

        /// <summary>The VPC.</summary>
        [Input("vpcUuid")]
        public Input<string>? VpcUuid { get; set; }
    }
}

namespace Pulumi.DigitalOcean.Inputs
{
    /// <summary>Shim of <c>Pulumi.DigitalOcean.Inputs.FirewallInboundRuleArgs</c>.</summary>
    public sealed class FirewallInboundRuleArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>Ports.</summary>
        [Input("portRange")]
        public Input<string>? PortRange { get; set; }

        /// <summary>The protocol.</summary>
        [Input("protocol", required: true)]
        public Input<string> Protocol { get; set; } = null!;

        [Input("sourceAddresses")]
        private InputList<string>? _sourceAddresses;

        /// <summary>Allowed source addresses.</summary>
        public InputList<string> SourceAddresses { get => _sourceAddresses ??= new InputList<string>(); set => _sourceAddresses = value; }

        [Input("sourceTags")]
        private InputList<string>? _sourceTags;

        /// <summary>Allowed source droplet tags.</summary>
        public InputList<string> SourceTags { get => _sourceTags ??= new InputList<string>(); set => _sourceTags = value; }
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.Inputs.FirewallOutboundRuleArgs</c>.</summary>
    public sealed class FirewallOutboundRuleArgs : global::Pulumi.ResourceArgs
    {
        [Input("destinationAddresses")]
        private InputList<string>? _destinationAddresses;

        /// <summary>Allowed destinations.</summary>
        public InputList<string> DestinationAddresses { get => _destinationAddresses ??= new InputList<string>(); set => _destinationAddresses = value; }

        /// <summary>Ports.</summary>
        [Input("portRange")]
        public Input<string>? PortRange { get; set; }

        /// <summary>The protocol.</summary>
        [Input("protocol", required: true)]
        public Input<string> Protocol { get; set; } = null!;
    }

    /// <summary>Shim of <c>Pulumi.DigitalOcean.Inputs.LoadBalancerForwardingRuleArgs</c>.</summary>
    public sealed class LoadBalancerForwardingRuleArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The entry port.</summary>
        [Input("entryPort", required: true)]
        public Input<int> EntryPort { get; set; } = null!;

        /// <summary>The entry protocol.</summary>
        [Input("entryProtocol", required: true)]
        public Input<string> EntryProtocol { get; set; } = null!;

        /// <summary>The target port.</summary>
        [Input("targetPort", required: true)]
        public Input<int> TargetPort { get; set; } = null!;

        /// <summary>The target protocol.</summary>
        [Input("targetProtocol", required: true)]
        public Input<string> TargetProtocol { get; set; } = null!;
    }
}

// Shim of the Pulumi.Kubernetes package (pulumi/pulumi-kubernetes sdk/dotnet): only what ShapeBlock.Pulumi uses.
using System.Collections.Immutable;

namespace Pulumi.Kubernetes
{
    /// <summary>Shim of <c>Pulumi.Kubernetes.Provider</c>.</summary>
    public partial class Provider : global::Pulumi.ProviderResource
    {
        /// <summary>Registers the provider.</summary>
        public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
            : base("kubernetes", name, args ?? new ProviderArgs(), options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.Kubernetes.ProviderArgs</c>.</summary>
    public sealed class ProviderArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>Use server-side apply.</summary>
        [Input("enableServerSideApply", json: true)]
        public Input<bool>? EnableServerSideApply { get; set; }

        /// <summary>The kubeconfig contents.</summary>
        [Input("kubeconfig")]
        public Input<string>? KubeConfig { get; set; }
    }

    /// <summary>Shim of <c>Pulumi.Kubernetes.KubernetesResource</c>.</summary>
    public abstract class KubernetesResource : CustomResource
    {
        internal KubernetesResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
            : base(type, name, args, options)
        {
        }
    }
}

namespace Pulumi.Kubernetes.ApiExtensions
{
    using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

    /// <summary>Shim of <c>Pulumi.Kubernetes.ApiExtensions.CustomResource</c>: any custom resource.</summary>
    public class CustomResource : KubernetesResource
    {
        /// <summary>The apiVersion.</summary>
        [Output("apiVersion")]
        public Output<string> ApiVersion { get; private set; } = null!;

        /// <summary>The kind.</summary>
        [Output("kind")]
        public Output<string> Kind { get; private set; } = null!;

        /// <summary>Registers the resource as <c>kubernetes:&lt;apiVersion&gt;:&lt;kind&gt;</c>.</summary>
        public CustomResource(string name, CustomResourceArgs args, CustomResourceOptions? options = null)
            : base(args.Type, name, args, options)
        {
        }
    }

    /// <summary>Shim of <c>Pulumi.Kubernetes.ApiExtensions.CustomResourceArgs</c>: subclass it with the resource's own inputs.</summary>
    public abstract class CustomResourceArgs : ResourceArgs
    {
        /// <summary>Sets apiVersion and kind.</summary>
        protected CustomResourceArgs(string apiVersion, string kind)
        {
            ApiVersion = apiVersion;
            Kind = kind;
            Type = $"kubernetes:{apiVersion}:{kind}";
        }

        /// <summary>The apiVersion.</summary>
        [Input("apiVersion")]
        public Input<string> ApiVersion { get; }

        /// <summary>The kind.</summary>
        [Input("kind")]
        public Input<string> Kind { get; }

        /// <summary>The metadata.</summary>
        [Input("metadata")]
        public Input<ObjectMetaArgs>? Metadata { get; set; }

        internal string Type { get; }
    }
}

namespace Pulumi.Kubernetes.Core.V1
{
    /// <summary>Shim of <c>Pulumi.Kubernetes.Core.V1.Secret</c>.</summary>
    public partial class Secret : KubernetesResource
    {
        /// <summary>The string data (secret).</summary>
        [Output("stringData")]
        public Output<ImmutableDictionary<string, string>> StringData { get; private set; } = null!;

        /// <summary>Registers the Secret.</summary>
        public Secret(string name, Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs? args = null, CustomResourceOptions? options = null)
            : base("kubernetes:core/v1:Secret", name, MakeArgs(args), CustomResourceOptions.Merge(new CustomResourceOptions { AdditionalSecretOutputs = ["data", "stringData"] }, options))
        {
        }

        private static Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs MakeArgs(Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs? args)
        {
            args ??= new Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs();
            args.ApiVersion = "v1";
            args.Kind = "Secret";
            return args;
        }
    }
}

namespace Pulumi.Kubernetes.Yaml.V2
{
    /// <summary>Shim of <c>Pulumi.Kubernetes.Yaml.V2.ConfigGroup</c>: a remote component applying a set of manifests.</summary>
    public partial class ConfigGroup : global::Pulumi.ComponentResource
    {
        /// <summary>Registers the group.</summary>
        public ConfigGroup(string name, Pulumi.Kubernetes.Types.Inputs.Yaml.V2.ConfigGroupArgs? args = null, ComponentResourceOptions? options = null)
            : base("kubernetes:yaml/v2:ConfigGroup", name, args ?? new Pulumi.Kubernetes.Types.Inputs.Yaml.V2.ConfigGroupArgs(), options, remote: true)
        {
        }
    }
}

namespace Pulumi.Kubernetes.Types.Inputs.Meta.V1
{
    /// <summary>Shim of <c>Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs</c>.</summary>
    public class ObjectMetaArgs : global::Pulumi.ResourceArgs
    {
        [Input("annotations")]
        private InputMap<string>? _annotations;

        /// <summary>Annotations.</summary>
        public InputMap<string> Annotations { get => _annotations ??= new InputMap<string>(); set => _annotations = value; }

        [Input("labels")]
        private InputMap<string>? _labels;

        /// <summary>Labels.</summary>
        public InputMap<string> Labels { get => _labels ??= new InputMap<string>(); set => _labels = value; }

        /// <summary>The name.</summary>
        [Input("name")]
        public Input<string>? Name { get; set; }

        /// <summary>The namespace.</summary>
        [Input("namespace")]
        public Input<string>? Namespace { get; set; }
    }
}

namespace Pulumi.Kubernetes.Types.Inputs.Core.V1
{
    /// <summary>Shim of <c>Pulumi.Kubernetes.Types.Inputs.Core.V1.SecretArgs</c>.</summary>
    public class SecretArgs : global::Pulumi.ResourceArgs
    {
        /// <summary>The apiVersion.</summary>
        [Input("apiVersion")]
        public Input<string>? ApiVersion { get; set; }

        /// <summary>The kind.</summary>
        [Input("kind")]
        public Input<string>? Kind { get; set; }

        /// <summary>The metadata.</summary>
        [Input("metadata")]
        public Input<Pulumi.Kubernetes.Types.Inputs.Meta.V1.ObjectMetaArgs>? Metadata { get; set; }

        [Input("stringData")]
        private InputMap<string>? _stringData;

        /// <summary>The string data.</summary>
        public InputMap<string> StringData { get => _stringData ??= new InputMap<string>(); set => _stringData = value; }

        /// <summary>The Secret type.</summary>
        [Input("type")]
        public Input<string>? Type { get; set; }
    }
}

namespace Pulumi.Kubernetes.Types.Inputs.Yaml.V2
{
    /// <summary>Shim of <c>Pulumi.Kubernetes.Types.Inputs.Yaml.V2.ConfigGroupArgs</c>.</summary>
    public class ConfigGroupArgs : global::Pulumi.ResourceArgs
    {
        [Input("objs")]
        private InputList<object>? _objs;

        /// <summary>Objects.</summary>
        public InputList<object> Objs { get => _objs ??= new InputList<object>(); set => _objs = value; }

        /// <summary>A prefix of child resource names.</summary>
        [Input("resourcePrefix")]
        public Input<string>? ResourcePrefix { get; set; }

        /// <summary>Skip waiting for readiness.</summary>
        [Input("skipAwait")]
        public Input<bool>? SkipAwait { get; set; }

        /// <summary>A YAML stream.</summary>
        [Input("yaml")]
        public Input<string>? Yaml { get; set; }
    }
}

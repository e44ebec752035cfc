using System.Collections.Immutable;
using Pulumi;
using ShapeBlock.Pulumi.Mapping;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.K3s;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi;

/// <summary>
/// <c>shapeblock:index:Cluster</c>: a k3s cluster on Hetzner or DigitalOcean with the ShapeBlock platform. The SDK
/// core plans it; every plan step becomes Pulumi children of this component: cloud resources (HCloud or DigitalOcean
/// provider), one <c>command:remote:Command</c> per node installing k3s, one reading the kubeconfig, a Kubernetes
/// provider from that kubeconfig, and the platform manifests.
/// </summary>
public sealed class Cluster : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "shapeblock:index:Cluster";

    /// <summary>Declares the cluster.</summary>
    /// <param name="name">The cluster name; machines are named after it (<c>&lt;name&gt;-master-1</c>, …).</param>
    /// <param name="args">Provider, machines, add-ons and credentials.</param>
    /// <param name="options">Component options.</param>
    public Cluster(string name, ClusterArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var resource = $"{TypeToken} {name}";
        var token = args.Token ?? throw new ArgumentException($"{resource}: Token is required (e.g. new Config().RequireSecret(\"hcloudToken\")).", nameof(args));
        var publicKey = args.SshPublicKey ?? throw new ArgumentException($"{resource}: SshPublicKey is required (the contents of your public key file).", nameof(args));

        var stack = new Sdk.Stack(Deployment.Instance.StackName);
        var model = stack.Add(new Model.Cluster(name, ModelFactory.Cluster(name, args)));
        ModelFactory.Validate(stack, resource);
        Mapping = new ClusterMapping(stack, model, this);
        var steps = Mapping.Plan().Steps.Where(s => s.Cluster == name).ToList();

        ProviderResource cloudProvider;
        ICloudMapper cloud;
        if (model.Args.Provider is Model.HetznerProvider)
        {
            cloudProvider = new global::Pulumi.HCloud.Provider($"{name}-hcloud", new global::Pulumi.HCloud.ProviderArgs { Token = token }, new CustomResourceOptions { Parent = this });
            cloud = new HetznerCloud(Mapping, this, cloudProvider, publicKey);
        }
        else
        {
            cloudProvider = new global::Pulumi.DigitalOcean.Provider($"{name}-digitalocean", new global::Pulumi.DigitalOcean.ProviderArgs { Token = token }, new CustomResourceOptions { Parent = this });
            cloud = new DigitalOceanCloud(Mapping, this, cloudProvider, publicKey);
        }

        foreach (var step in steps.Where(s => s.Kind == StepKind.Cloud))
        {
            cloud.Map(step);
        }

        cloud.Complete();

        var kubeconfigStep = $"{name}/kubeconfig";
        global::Pulumi.Command.Remote.Command? kubeconfigCommand = null;
        foreach (var step in steps.Where(s => s.Kind == StepKind.Host))
        {
            var command = HostSteps.Map(Mapping, step, this, args.SshPrivateKey, secretOutput: step.Id == kubeconfigStep);
            if (step.Id == kubeconfigStep)
            {
                kubeconfigCommand = command;
            }
        }

        if (kubeconfigCommand is null)
        {
            throw new InvalidOperationException($"{resource}: the plan has no step {kubeconfigStep}; no kubeconfig can be read.");
        }

        // The API address is the one the core puts into the first master's certificate (--tls-san): the load balancer or that master.
        var apiAddress = Mapping.Placeholders.Resolve(ApiAddress(steps));
        var firstMaster = steps.First(s => s.Kind == StepKind.Host && s.Script?.Role == "master").Script!.Address;
        // k3s' service load balancer serves the ingress controller on every node; the first master's address stands for it.
        Mapping.Placeholders.Set("${" + name + ".ingress-address}", Mapping.Placeholders.Resolve(firstMaster));

        Kubeconfig = Output.CreateSecret(Output.Tuple(kubeconfigCommand.Stdout, apiAddress)
            .Apply(t => ClusterApi.Rewrite(t.Item1, $"https://{t.Item2}:6443")));
        ApiEndpoint = apiAddress.Apply(a => $"https://{a}:6443");
        var nodes = cloud.ServerAddresses.Keys.ToList();
        NodeIps = Output.All(cloud.ServerAddresses.Values).Apply(ips => nodes.Zip(ips).ToImmutableDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));

        Mapping.Kubernetes = new global::Pulumi.Kubernetes.Provider($"{name}-kubernetes",
            new global::Pulumi.Kubernetes.ProviderArgs { KubeConfig = Kubeconfig, EnableServerSideApply = true },
            new CustomResourceOptions { Parent = this, DependsOn = [kubeconfigCommand] });
        Mapping.Add(steps.Single(s => s.Id == kubeconfigStep), Mapping.Kubernetes);
        foreach (var step in steps.Where(s => s.Kind == StepKind.Kubernetes))
        {
            KubernetesSteps.Map(Mapping, step, this);
        }

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["kubeconfig"] = Kubeconfig,
            ["apiEndpoint"] = ApiEndpoint,
            ["nodeIps"] = NodeIps,
        });
    }

    /// <summary>The admin kubeconfig, pointing at <see cref="ApiEndpoint"/> (secret).</summary>
    [Output("kubeconfig")]
    public Output<string> Kubeconfig { get; private set; }

    /// <summary>The Kubernetes API, <c>https://&lt;address&gt;:6443</c> (the load balancer with 3 or 5 masters).</summary>
    [Output("apiEndpoint")]
    public Output<string> ApiEndpoint { get; private set; }

    /// <summary>Node name → public IPv4.</summary>
    [Output("nodeIps")]
    public Output<ImmutableDictionary<string, string>> NodeIps { get; private set; }

    internal ClusterMapping Mapping { get; }

    private static string ApiAddress(IReadOnlyList<PlanStep> steps)
    {
        var first = steps.First(s => s.Kind == StepKind.Host && s.Script?.Role == "master").Script!;
        var arguments = first.Commands.SelectMany(c => c.Arguments).ToList();
        var san = arguments.IndexOf("--tls-san");
        return san >= 0 && san + 1 < arguments.Count ? arguments[san + 1] : first.Address;
    }
}

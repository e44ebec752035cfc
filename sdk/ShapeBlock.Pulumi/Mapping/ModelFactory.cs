using ShapeBlock.Sdk.Validation;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi.Mapping;

/// <summary>Builds the SDK model from the components' plain settings, and reports model problems the way the SDK does.</summary>
internal static class ModelFactory
{
    private const string TokenStandIn = "ClusterArgs.Token (a Pulumi secret input)";

    public static Model.ClusterArgs Cluster(string name, ClusterArgs args)
    {
        Model.NodeSource provider = args.Provider switch
        {
            "hetzner" => Hetzner(args),
            "digitalocean" => DigitalOcean(args),
            _ => throw new ArgumentException(
                $"shapeblock:index:Cluster {name}: provider '{args.Provider}' is not supported by ShapeBlock.Pulumi; use \"hetzner\" or \"digitalocean\".", nameof(args)),
        };
        var model = new Model.ClusterArgs
        {
            Provider = provider,
            Masters = new Model.MasterPool { Count = args.Masters, Size = args.MasterSize, Schedulable = args.MastersSchedulable },
            Addons = new Model.Addons
            {
                Ingress = args.Ingress,
                BaseDomain = args.BaseDomain,
                CertManager = args.LetsEncryptEmail is { } email ? new Model.CertManagerOptions(email) : null,
            },
            K3sVersion = args.K3sVersion,
            OperatorVersion = args.OperatorVersion,
        };
        if (args.AdminCidrs is { Count: > 0 } cidrs)
        {
            model.AdminCidrs = [.. cidrs];
        }

        foreach (var pool in args.NodePools)
        {
            var nodePool = new Model.NodePool(pool.Name) { Count = pool.Count, Size = pool.Size };
            foreach (var (key, value) in pool.Labels)
            {
                nodePool.Labels[key] = value;
            }

            model.NodePools.Add(nodePool);
        }

        return model;
    }

    /// <summary>Throws when the model has errors, naming every problem and its resource (the SDK's own validation).</summary>
    public static void Validate(Sdk.Stack stack, string resource)
    {
        var report = StackValidator.Validate(stack);
        if (!report.IsValid)
        {
            throw new ArgumentException($"{resource}: {string.Join("; ", report.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
        }
    }

    private static Model.HetznerProvider Hetzner(ClusterArgs args)
    {
        // The token reaches Pulumi's provider as a secret input; the model only needs to know there is one.
        var hetzner = new Model.HetznerProvider { Token = Sdk.Secret.Generated(TokenStandIn) };
        hetzner.Location = args.Location ?? hetzner.Location;
        hetzner.Image = args.Image ?? hetzner.Image;
        hetzner.NetworkCidr = args.NetworkCidr ?? hetzner.NetworkCidr;
        return hetzner;
    }

    private static Model.DigitalOceanProvider DigitalOcean(ClusterArgs args)
    {
        var digitalOcean = new Model.DigitalOceanProvider { Token = Sdk.Secret.Generated(TokenStandIn) };
        digitalOcean.Region = args.Location ?? digitalOcean.Region;
        digitalOcean.Image = args.Image ?? digitalOcean.Image;
        digitalOcean.VpcCidr = args.NetworkCidr ?? digitalOcean.VpcCidr;
        return digitalOcean;
    }
}

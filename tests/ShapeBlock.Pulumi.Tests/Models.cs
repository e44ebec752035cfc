using Pulumi;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi.Tests;

/// <summary>The same cluster declared twice: as Pulumi component arguments, and directly as an SDK model the core plans on its own.</summary>
internal static class Models
{
    public const string Token = "CLOUD-TOKEN-0123456789-SECRET";
    public const string PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY----- PRIVATE-KEY-SECRET";
    public const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPUBLIC test@example";

    public static ClusterArgs Args(string provider, int masters, string? baseDomain = null) => new()
    {
        Provider = provider,
        Masters = masters,
        NodePools =
        [
            new NodePoolArgs { Name = "workers", Count = 2 },
            new NodePoolArgs { Name = "gpu", Count = 1, Labels = { ["accelerator"] = "gpu" } },
        ],
        BaseDomain = baseDomain,
        Token = Output.CreateSecret(Token),
        SshPublicKey = PublicKey,
        SshPrivateKey = PrivateKey,
    };

    public static (Sdk.Stack Stack, Model.Cluster Cluster) Core(string provider, int masters, string? baseDomain = null)
    {
        var stack = new Sdk.Stack("prod");
        var args = new Model.ClusterArgs
        {
            Provider = provider == "hetzner" ? new Model.HetznerProvider() : new Model.DigitalOceanProvider(),
            Masters = new Model.MasterPool { Count = masters },
            Addons = new Model.Addons { BaseDomain = baseDomain },
        };
        args.NodePools.Add(new Model.NodePool("workers") { Count = 2 });
        var gpu = new Model.NodePool("gpu") { Count = 1 };
        gpu.Labels["accelerator"] = "gpu";
        args.NodePools.Add(gpu);
        return (stack, stack.Add(new Model.Cluster("prod", args)));
    }
}

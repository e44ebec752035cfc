using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Platform;

namespace ShapeBlock.Sdk.Planning;

/// <summary>What workload steps need from the platform steps.</summary>
/// <param name="OperatorStep">The step after which the operator runs.</param>
/// <param name="RegistryUrl">Where builds push images.</param>
internal sealed record PlatformContext(string OperatorStep, string RegistryUrl);

/// <summary>
/// Plans the platform: the <c>shapeblock</c> namespace, helm-controller (standalone, existing clusters only),
/// ingress, cert-manager and its ClusterIssuer, the registry with its credentials, the CRDs and the operator.
/// </summary>
internal static class PlatformSteps
{
    /// <summary>The name of the value that stands for a cluster's ingress address when it has no base domain.</summary>
    public static string IngressAddressName(string cluster) => $"{cluster}.ingress-address";

    public static PlatformContext Add(PlanBuilder builder, Cluster cluster, IReadOnlyList<string> clusterReady)
    {
        var name = cluster.Name;
        var addons = cluster.Args.Addons;
        var onK3s = cluster.Args.Provider?.InstallsK3s ?? false;
        string Id(string piece) => $"{name}/platform/{piece}";

        var ns = K8s.Object("v1", "Namespace", K8s.SystemNamespace);
        builder.Kubernetes(Id("namespace"), name, $"namespace {K8s.SystemNamespace}", clusterReady, [ns]);

        var helmReady = new List<string>(clusterReady);
        if (!onK3s)
        {
            builder.Kubernetes(Id("helm-controller"), name, $"helm-controller {PlatformVersions.HelmController} (standalone; k3s has it built in)", clusterReady, HelmControllerManifests.Render());
            helmReady = [Id("helm-controller")];
        }

        var registryDeps = new List<string> { Id("namespace") };
        registryDeps.AddRange(helmReady);
        if (addons.Ingress == Ingress.Nginx)
        {
            builder.Kubernetes(Id("ingress-nginx"), name, $"ingress-nginx chart {PlatformVersions.IngressNginxChart}", helmReady, [IngressAddon.Nginx()]);
            registryDeps.Add(Id("ingress-nginx"));
        }
        else if (!onK3s)
        {
            builder.Kubernetes(Id("traefik"), name, $"traefik chart {PlatformVersions.TraefikChart}", helmReady, [IngressAddon.Traefik()]);
            registryDeps.Add(Id("traefik"));
        }

        if (addons.CertManager is { } certManager)
        {
            builder.Kubernetes(Id("cert-manager"), name, $"cert-manager chart {PlatformVersions.CertManagerChart}", helmReady, [CertManagerAddon.Chart()]);
            builder.Kubernetes(Id("cluster-issuer"), name, $"ClusterIssuer {CertManagerAddon.IssuerName} (Let's Encrypt{(certManager.Staging ? " staging" : "")}, HTTP-01, {certManager.Email})",
                [Id("cert-manager")], [CertManagerAddon.ClusterIssuer(certManager, addons.Ingress)]);
            registryDeps.Add(Id("cluster-issuer"));
        }

        var baseDomain = addons.BaseDomain
            ?? builder.Unknown(IngressAddressName(name), $"public address of {name}'s ingress controller (read from the cluster when it is reachable, else known after up)") + ".nip.io";
        var registryHost = addons.Registry.Host ?? $"registry.{baseDomain}";
        builder.Kubernetes(Id("registry"), name, $"registry {registryHost} (docker-registry chart {PlatformVersions.RegistryChart}, generated credentials)",
            registryDeps, RegistryAddon.Render(addons.Registry, registryHost, addons.Ingress, addons.CertManager is not null));

        builder.Kubernetes(Id("crds"), name, "ShapeBlock CRDs (apps.shapeblock.io/v1alpha1)", clusterReady, ShapeBlockCrds.Objects.Select(c => c.DeepClone().AsObject()));

        var version = cluster.Args.OperatorVersion ?? PlatformVersions.Operator;
        builder.Kubernetes(Id("operator"), name, $"ShapeBlock operator {OperatorManifests.Image}:{version}",
            [Id("namespace"), Id("crds"), Id("registry")], OperatorManifests.Render(version));
        return new PlatformContext(Id("operator"), registryHost);
    }
}

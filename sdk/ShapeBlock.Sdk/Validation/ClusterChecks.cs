using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Validation;

/// <summary>Checks a cluster's node source, masters, node pools and add-ons.</summary>
internal static class ClusterChecks
{
    public static void Check(Cluster cluster, ProblemList problems, List<string> credentials, SecretResolver resolver)
    {
        var path = cluster.Path;
        var args = cluster.Args;
        if (!Rules.IsDnsLabel(cluster.Name, 30))
        {
            problems.Error(path, $"cluster name '{cluster.Name}' must be a DNS label of at most 30 characters (it prefixes server names such as '{cluster.Name}-master-1')");
        }

        switch (args.Provider)
        {
            case null:
                problems.Error(path, "a node source is required: Provider = new HetznerProvider { … }, new DigitalOceanProvider { … }, new SshMachines { … } or ExistingCluster.FromKubeconfig(…)");
                break;
            case HetznerProvider hetzner:
                Cloud(cluster, problems, hetzner.Token, "HetznerProvider", "HCLOUD_TOKEN");
                Required(problems, path, hetzner.Location, "HetznerProvider.Location");
                Required(problems, path, hetzner.Image, "HetznerProvider.Image");
                if (!Rules.IsIpv4Cidr16(hetzner.NetworkCidr))
                {
                    problems.Error(path, $"HetznerProvider.NetworkCidr must be an IPv4 /16 such as 10.0.0.0/16 (got '{hetzner.NetworkCidr}')");
                }

                break;
            case DigitalOceanProvider digitalOcean:
                Cloud(cluster, problems, digitalOcean.Token, "DigitalOceanProvider", "DIGITALOCEAN_TOKEN");
                Required(problems, path, digitalOcean.Region, "DigitalOceanProvider.Region");
                Required(problems, path, digitalOcean.Image, "DigitalOceanProvider.Image");
                break;
            case SshMachines ssh:
                Ssh(cluster, ssh, problems);
                break;
            case ExistingCluster existing:
                Existing(cluster, existing, problems, resolver);
                break;
        }

        if (args.Provider is not null)
        {
            foreach (var (what, secret) in args.Provider.Credentials)
            {
                if (!secret.IsAvailable(resolver, out var why))
                {
                    credentials.Add($"{path}: {what} ({why})");
                }
            }
        }

        if (args.K3sVersion is not null && !Rules.IsK3sVersion(args.K3sVersion))
        {
            problems.Error(path, $"K3sVersion must look like v1.33.5+k3s1 (got '{args.K3sVersion}')");
        }

        AdminCidrs(cluster, problems);
        Addons(cluster, problems);
    }

    // The firewall sources of SSH and the API: wrong ones would lock out `up` itself or be refused by the cloud mid-way.
    private static void AdminCidrs(Cluster cluster, ProblemList problems)
    {
        var path = cluster.Path;
        var cidrs = cluster.Args.AdminCidrs;
        if (cluster.Args.Provider is not (HetznerProvider or DigitalOceanProvider))
        {
            if (cluster.Args.Provider is not null && cidrs is not null && !cidrs.SequenceEqual(Cidr.Anywhere))
            {
                var source = cluster.Args.Provider is SshMachines ? "SSH machines" : "an existing cluster";
                problems.Warning(path, $"AdminCidrs has no effect with {source}: ShapeBlock creates no firewall there (restrict SSH and port 6443 on the hosts or their network instead, or remove the setting)");
            }

            return;
        }

        if (cidrs is null || cidrs.Count == 0)
        {
            problems.Error(path, "AdminCidrs must list at least one CIDR block: `up` reaches the nodes over SSH and the API from there. Fix: AdminCidrs = [\"203.0.113.7/32\"] (your address), or leave it unset for anywhere");
            return;
        }

        for (var i = 0; i < cidrs.Count; i++)
        {
            if (!Cidr.TryCanonical(cidrs[i], out _, out var problem))
            {
                problems.Error(path, $"AdminCidrs[{i}]: {problem}");
            }
        }

        foreach (var twice in cidrs.Select(Cidr.Canonical).GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Error(path, $"AdminCidrs lists '{twice.Key}' {twice.Count()} times; list each block once");
        }
    }

    private static void Cloud(Cluster cluster, ProblemList problems, Secret? token, string provider, string variable)
    {
        var path = cluster.Path;
        if (token is null)
        {
            problems.Error(path, $"{provider}.Token is required, e.g. Token = Secret.FromEnvironment(\"{variable}\")");
        }

        var count = cluster.Args.Masters.Count;
        if (count is not (1 or 3 or 5))
        {
            problems.Error(path, $"masters must be 1, 3 or 5 (got {count}): embedded etcd needs an odd quorum");
        }

        problems.Duplicates(path, "node pool", cluster.Args.NodePools.Select(p => p.Name));
        foreach (var pool in cluster.Args.NodePools)
        {
            var poolPath = $"{path}/pools/{pool.Name}";
            if (!Rules.IsDnsLabel(pool.Name, 20) || pool.Name == "master")
            {
                problems.Error(poolPath, $"node pool name '{pool.Name}' must be a DNS label of at most 20 characters other than 'master' (nodes are named '{cluster.Name}-{pool.Name}-1')");
            }

            if (pool.Count is < 0 or > 100)
            {
                problems.Error(poolPath, $"count must be 0–100 (got {pool.Count})");
            }

            if (pool.Size is { } size && string.IsNullOrWhiteSpace(size))
            {
                problems.Error(poolPath, "size must not be blank (leave it unset for the provider's default)");
            }

            Node(problems, poolPath, pool.Labels, pool.Taints);
        }
    }

    private static void Ssh(Cluster cluster, SshMachines ssh, ProblemList problems)
    {
        var path = cluster.Path;
        if (ssh.Masters.Count is not (1 or 3 or 5))
        {
            problems.Error(path, $"SshMachines.Masters must list 1, 3 or 5 hosts (got {ssh.Masters.Count}): embedded etcd needs an odd quorum");
        }

        if (cluster.Args.Masters.Count != 1 && cluster.Args.Masters.Count != ssh.Masters.Count)
        {
            problems.Error(path, $"Masters.Count ({cluster.Args.Masters.Count}) differs from the {ssh.Masters.Count} hosts in SshMachines.Masters; leave Masters unset with SSH machines");
        }

        if (cluster.Args.NodePools.Count > 0)
        {
            problems.Error(path, "NodePools are for cloud providers; list SSH workers in SshMachines.Workers (with SshHost.Pool)");
        }

        problems.Duplicates(path, "SSH host", ssh.Masters.Concat(ssh.Workers).Select(h => $"{h.Address}:{h.Port}"));
        foreach (var host in ssh.Masters.Concat(ssh.Workers))
        {
            var hostPath = $"{path}/hosts/{host.Address}";
            if (!Rules.IsHost(host.Address.ToLowerInvariant()))
            {
                problems.Error(hostPath, $"address '{host.Address}' must be a host name or an IP address");
            }

            if (host.Port is < 1 or > 65535)
            {
                problems.Error(hostPath, $"port must be 1–65535 (got {host.Port})");
            }

            if (string.IsNullOrWhiteSpace(host.User))
            {
                problems.Error(hostPath, "user is required");
            }

            if (host.UseAgent && host.PrivateKey is not null)
            {
                problems.Error(hostPath, "set either PrivateKey or UseAgent, not both");
            }

            if (host.User != "root" && !host.Sudo)
            {
                problems.Warning(hostPath, $"user '{host.User}' is not root and Sudo is off: installing k3s needs root");
            }

            if (ssh.Workers.Contains(host) && !Rules.IsDnsLabel(host.Pool, 20))
            {
                problems.Error(hostPath, $"pool '{host.Pool}' must be a DNS label of at most 20 characters");
            }

            Node(problems, hostPath, host.Labels, host.Taints);
        }
    }

    private static void Existing(Cluster cluster, ExistingCluster existing, ProblemList problems, SecretResolver resolver)
    {
        var path = cluster.Path;
        if (cluster.Args.NodePools.Count > 0)
        {
            problems.Error(path, "NodePools cannot be used with an existing cluster: ShapeBlock does not manage its nodes");
        }

        if (cluster.Args.Masters.Count != 1 || cluster.Args.Masters.Size is not null)
        {
            problems.Error(path, "Masters cannot be set for an existing cluster: ShapeBlock does not manage its control plane");
        }

        // Only the context names are read from the kubeconfig, to name a wrong one now rather than at up.
        if (existing.Context is not null && existing.KubeconfigPath is not null && File.Exists(resolver.ResolvePath(existing.KubeconfigPath)))
        {
            try
            {
                var config = YamlJson.Parse(File.ReadAllText(resolver.ResolvePath(existing.KubeconfigPath)));
                var contexts = config?["contexts"]?.AsArray().Select(c => c?["name"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
                if (!contexts.Contains(existing.Context))
                {
                    problems.Error(path, $"context '{existing.Context}' is not in {existing.KubeconfigPath} (it has: {(contexts.Count == 0 ? "none" : string.Join(", ", contexts))})");
                }
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
            {
                problems.Error(path, $"{existing.KubeconfigPath} is not a readable kubeconfig (invalid YAML)");
            }
        }
    }

    private static void Node(ProblemList problems, string path, Dictionary<string, string> labels, List<NodeTaint> taints)
    {
        foreach (var (key, value) in labels)
        {
            if (!Rules.IsLabelKey(key) || !Rules.IsLabelValue(value))
            {
                problems.Error(path, $"node label '{key}={value}' is not a valid Kubernetes label");
            }
        }

        foreach (var taint in taints)
        {
            if (!Rules.IsLabelKey(taint.Key) || !Rules.IsLabelValue(taint.Value ?? ""))
            {
                problems.Error(path, $"taint '{taint}' is not valid: key and value follow the label rules");
            }
        }
    }

    private static void Addons(Cluster cluster, ProblemList problems)
    {
        var path = cluster.Path;
        var addons = cluster.Args.Addons;
        if (addons.CertManager is { } certManager && !Rules.IsEmail(certManager.Email))
        {
            problems.Error(path, $"CertManager email '{certManager.Email}' is not an email address (Let's Encrypt sends expiry notices there)");
        }

        if (addons.BaseDomain is { } domain && (!Rules.IsHost(domain) || domain.StartsWith('*')))
        {
            problems.Error(path, $"BaseDomain '{domain}' must be a DNS name such as apps.example.com (lower case, no wildcard)");
        }

        if (!Rules.IsQuantity(addons.Registry.Storage))
        {
            problems.Error(path, $"Registry.Storage '{addons.Registry.Storage}' must be a Kubernetes quantity such as 10Gi");
        }

        if (addons.Registry.Host is { } host && !Rules.IsHost(host))
        {
            problems.Error(path, $"Registry.Host '{host}' must be a DNS name");
        }

        if (string.IsNullOrWhiteSpace(addons.Registry.User) || addons.Registry.User.Contains(':', StringComparison.Ordinal))
        {
            problems.Error(path, "Registry.User must be non-empty and contain no ':'");
        }
    }

    private static void Required(ProblemList problems, string path, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Error(path, $"{what} is required");
        }
    }
}

using ShapeBlock.Api;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Planning;

/// <summary>
/// Plans the k3s install on every node as data: the official installer run over SSH with its environment
/// (<c>INSTALL_K3S_VERSION</c>, <c>K3S_TOKEN</c>, <c>K3S_URL</c>) and the server/agent flags as separate arguments.
/// </summary>
internal static class K3sSteps
{
    public const string KubeconfigPath = "/etc/rancher/k3s/k3s.yaml";

    public static IReadOnlyList<string> Add(PlanBuilder builder, Cluster cluster, IReadOnlyList<PlannedNode> nodes, IReadOnlyDictionary<string, string> servers, string? apiAddress)
    {
        var masters = nodes.Where(n => n.Role == "master").ToList();
        if (masters.Count == 0)
        {
            return [];
        }

        var args = cluster.Args;
        var version = args.K3sVersion ?? PlatformVersions.K3s;
        var scriptUrl = args.K3sInstallScriptUrl ?? PlatformVersions.K3sInstallScriptUrl;
        var token = SecretValue.Of(Secret.Generated($"k3s join token of {cluster.Name}"));
        var first = masters[0];
        var serverUrl = $"https://{first.PrivateAddress}:6443";
        var iface = NodeLayout.FlannelInterface(args.Provider);
        var lbStep = $"{cluster.Name}/cloud/{cluster.Name}-api";

        string Step(PlannedNode node, IEnumerable<string> dependsOn)
        {
            var isMaster = node.Role == "master";
            var flags = new List<string>();
            if (isMaster)
            {
                flags.AddRange(node == first ? ["--cluster-init"] : ["--server", serverUrl]);
                // The API address (load balancer, DNS name or the only master) first, then the master's own public
                // address, so a kubeconfig that points straight at this master keeps working after masters were added.
                foreach (var san in TlsSans(node, apiAddress))
                {
                    flags.AddRange(["--tls-san", san]);
                }

                flags.AddRange(["--advertise-address", node.PrivateAddress]);
                if (args.Addons.Ingress == Ingress.Nginx)
                {
                    flags.AddRange(["--disable", "traefik"]);
                }

                flags.AddRange(["--write-kubeconfig-mode", "0600"]);
                // Small-node profile: bound the API server's concurrency on a 4 GB machine.
                flags.AddRange(["--kube-apiserver-arg", "max-requests-inflight=200", "--kube-apiserver-arg", "max-mutating-requests-inflight=100"]);
                if (!(args.Masters.Schedulable ?? masters.Count == 1))
                {
                    flags.AddRange(["--node-taint", "CriticalAddonsOnly=true:NoExecute"]);
                }
            }

            flags.AddRange(["--node-name", node.Name, "--node-ip", node.PrivateAddress]);
            if ((node.FlannelInterface ?? iface) is { } flannel)
            {
                flags.AddRange(["--flannel-iface", flannel]);
            }

            // Small-node profile: keep memory for the system and evict before the kernel's OOM killer acts.
            flags.AddRange(["--kubelet-arg", "system-reserved=memory=256Mi", "--kubelet-arg", "eviction-hard=memory.available<100Mi"]);
            flags.AddRange(["--node-label", $"{Labels.Cluster}={cluster.Name}", "--node-label", $"{Labels.Role}={node.Role}"]);
            if (!isMaster)
            {
                flags.AddRange(["--node-label", $"{Labels.Pool}={node.Pool}"]);
            }

            foreach (var (key, value) in node.Labels)
            {
                flags.AddRange(["--node-label", $"{key}={value}"]);
            }

            foreach (var taint in node.Taints)
            {
                flags.AddRange(["--node-taint", taint.ToString()]);
            }

            var env = new List<HostEnv> { new("INSTALL_K3S_VERSION", version), new("K3S_TOKEN", null, token) };
            if (!isMaster)
            {
                env.Add(new HostEnv("K3S_URL", serverUrl));
            }

            var command = new HostCommand($"install k3s {version} ({(isMaster ? "server" : "agent")})", "sh", ["-s", "-", isMaster ? "server" : "agent", .. flags])
            {
                Environment = env,
                StdinUrl = scriptUrl,
            };
            var id = $"{cluster.Name}/k3s/{node.Name}";
            builder.Add(new PlanStep(id, cluster.Name, StepKind.Host, $"k3s {(isMaster ? "server" : "agent")} on {node.Name}{(node == first && isMaster ? " (initialises the cluster)" : "")}")
            {
                DependsOn = [.. dependsOn, .. servers.TryGetValue(node.Name, out var server) ? [server] : Array.Empty<string>()],
                Script = Script(node, [command]),
            });
            return id;
        }

        var firstDeps = masters.Count > 1 && servers.Count > 0 ? new[] { lbStep } : [];
        var firstStep = Step(first, firstDeps);
        foreach (var node in nodes.Where(n => n != first))
        {
            Step(node, [firstStep]);
        }

        var kubeconfigId = $"{cluster.Name}/kubeconfig";
        builder.Add(new PlanStep(kubeconfigId, cluster.Name, StepKind.Host, $"read the kubeconfig from {first.Name} (API at {apiAddress ?? first.PublicAddress}:6443)")
        {
            DependsOn = [firstStep],
            Script = Script(first, [new HostCommand("read the admin kubeconfig (a secret output)", "cat", [KubeconfigPath])]),
        });
        return [kubeconfigId];
    }

    /// <summary>The certificate SANs of a master: the API address, then its own public address when that differs.</summary>
    public static IReadOnlyList<string> TlsSans(PlannedNode master, string? apiAddress) =>
        [.. new[] { apiAddress, master.PublicAddress }.Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static HostScript Script(PlannedNode node, IReadOnlyList<HostCommand> commands) =>
        new(node.Name, node.PublicAddress, node.Role, commands)
        {
            User = node.Host?.User ?? "root",
            Port = node.Host?.Port ?? 22,
            Sudo = node.Host?.Sudo ?? false,
        };
}

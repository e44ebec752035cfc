using ShapeBlock.Sdk;
using ShapeBlock.Sdk.Model;

namespace SshMachinesExample;

/// <summary>k3s on machines you already have (any Linux with SSH): one master, one worker, a project with a web app.</summary>
public static class SshMachinesStack
{
    /// <summary>Declares the stack.</summary>
    /// <param name="stack">The stack to add to.</param>
    public static void Define(Stack stack)
    {
        // Your machines' addresses; the defaults are documentation addresses (RFC 5737) that reach nothing.
        var master = Environment.GetEnvironmentVariable("SB_MASTER") ?? "192.0.2.10";
        var worker = Environment.GetEnvironmentVariable("SB_WORKER") ?? "192.0.2.11";
        var user = Environment.GetEnvironmentVariable("SB_SSH_USER") ?? "root";
        // SB_SSH_AGENT=1: log in with the keys of your SSH agent (SSH_AUTH_SOCK) instead of a key file.
        var agent = Environment.GetEnvironmentVariable("SB_SSH_AGENT") == "1";
        var machines = new SshMachines
        {
            // Read only by up, destroy, status and kubeconfig; preview and render work without it.
            PrivateKey = agent ? null : Secret.FromFile(Environment.GetEnvironmentVariable("SB_SSH_KEY") ?? "~/.ssh/id_ed25519"),
        };
        machines.Masters.Add(new SshHost(master) { User = user, Sudo = user != "root", UseAgent = agent });
        machines.Workers.Add(new SshHost(worker) { User = user, Sudo = user != "root", UseAgent = agent });

        var cluster = stack.Add(new Cluster("machines", new ClusterArgs
        {
            Provider = machines,
            Addons =
            {
                Ingress = Ingress.Nginx,
                // No DNS of your own? <address>.nip.io resolves to the address.
                BaseDomain = Environment.GetEnvironmentVariable("BASE_DOMAIN") ?? $"{master}.nip.io",
            },
        }));

        cluster.AddProject("demo").AddApp("web", new AppArgs
        {
            Build = Build.Image("nginxinc/nginx-unprivileged:1.27"),
            Port = 8080,
            Resources = new ContainerResources { Cpu = "50m", Memory = "64Mi", MemoryLimit = "128Mi" },
        });
    }
}

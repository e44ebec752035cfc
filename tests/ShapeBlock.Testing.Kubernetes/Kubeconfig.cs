namespace ShapeBlock.Testing.Kubernetes;

/// <summary>Writes a kubeconfig that points kubectl and KubernetesClient at the server.</summary>
public static class Kubeconfig
{
    /// <summary>The context, cluster and user name in generated kubeconfigs.</summary>
    public const string ContextName = "inmemory";

    /// <summary>The kubeconfig YAML for a server URL.</summary>
    /// <param name="server">E.g. <c>http://127.0.0.1:34567</c>.</param>
    /// <param name="ns">The context's default namespace.</param>
    /// <returns>The YAML text.</returns>
    public static string Render(Uri server, string ns = "default")
    {
        ArgumentNullException.ThrowIfNull(server);
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{ContextName}}
              cluster:
                server: {{server.GetLeftPart(UriPartial.Authority)}}
            contexts:
            - name: {{ContextName}}
              context:
                cluster: {{ContextName}}
                user: {{ContextName}}
                namespace: {{ns}}
            current-context: {{ContextName}}
            users:
            - name: {{ContextName}}
              user:
                token: in-memory-token
            preferences: {}

            """;
    }

    /// <summary>Writes the kubeconfig to a file (mode 0600 on Unix).</summary>
    /// <param name="path">The file.</param>
    /// <param name="server">The server URL.</param>
    public static void Write(string path, Uri server)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Render(server));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

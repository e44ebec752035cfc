using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Pulumi;

namespace ShapeBlock.Pulumi.Tests;

/// <summary>
/// Runs a Pulumi program against the shim's recording registry with mocks that answer like the clouds would:
/// ids, addresses (one per resource name, recorded so tests can compute expected values), a kubeconfig from the
/// command that reads it, and a result for every RandomPassword.
/// </summary>
internal sealed class Harness
{
    public const string Kubeconfig = """
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: Q0EtREFUQQ==
            server: https://127.0.0.1:6443
          name: default
        contexts:
        - context: {cluster: default, user: default}
          name: default
        current-context: default
        kind: Config
        users:
        - name: default
          user:
            client-key-data: KUBECONFIG-CLIENT-KEY-0123456789
        """;

    private int next;

    public Harness(string stack = "prod", string project = "shapeblock")
    {
        Registry = new ShimRegistry { StackName = stack, ProjectName = project, Mocks = Mock };
    }

    public ShimRegistry Registry { get; }

    /// <summary>Public address the mocks gave each resource, by resource name.</summary>
    public Dictionary<string, string> PublicIps { get; } = [];

    /// <summary>Private address the mocks gave each droplet, by resource name.</summary>
    public Dictionary<string, string> PrivateIps { get; } = [];

    /// <summary>Generated values, by RandomPassword name.</summary>
    public Dictionary<string, string> Generated { get; } = [];

    public IReadOnlyList<RegisteredResource> Resources => Registry.Resources;

    public Harness Run(Action program)
    {
        Registry.Run(program);
        return this;
    }

    public IEnumerable<RegisteredResource> OfType(string type) => Resources.Where(r => r.Type == type);

    public RegisteredResource Single(string type, string name) => Resources.Single(r => r.Type == type && r.Name == name);

    public static JsonObject Inputs(RegisteredResource resource) => ShimInputs.Serialize(resource.Args).Json!.AsObject();

    public static List<InputLeaf> Leaves(RegisteredResource resource) => ShimInputs.Serialize(resource.Args).Leaves;

    public static T Value<T>(Output<T> output) => ShimInputs.Resolve(output).Value;

    public static bool IsSecret<T>(Output<T> output) => ShimInputs.Resolve(output).IsSecret;

    private IReadOnlyDictionary<string, object?> Mock(RegisteredResource resource)
    {
        var n = ++next;
        var outputs = new Dictionary<string, object?> { ["id"] = (1000 + n).ToString(CultureInfo.InvariantCulture) };
        switch (resource.Type)
        {
            case "hcloud:index/server:Server":
            case "hcloud:index/loadBalancer:LoadBalancer":
            case "digitalocean:index/droplet:Droplet":
            case "digitalocean:index/loadBalancer:LoadBalancer":
                var ip = $"203.0.113.{n}";
                PublicIps[resource.Name] = ip;
                outputs["ipv4Address"] = ip;
                outputs["ipv4"] = ip;
                outputs["ip"] = ip;
                var privateIp = $"10.10.0.{n}";
                PrivateIps[resource.Name] = privateIp;
                outputs["ipv4AddressPrivate"] = privateIp;
                break;
            case "digitalocean:index/sshKey:SshKey":
                outputs["fingerprint"] = "aa:bb:cc";
                break;
            case "random:index/randomPassword:RandomPassword":
                var value = $"GENERATED-{resource.Name}-secret";
                Generated[resource.Name] = value;
                outputs["result"] = value;
                break;
            case "command:remote:Command":
                var create = Inputs(resource)["create"]?.GetValue<string>() ?? "";
                outputs["stdout"] = create.Contains("/etc/rancher/k3s/k3s.yaml", StringComparison.Ordinal) ? Kubeconfig : "";
                outputs["stderr"] = "";
                break;
        }

        return outputs.ToImmutableDictionary();
    }
}

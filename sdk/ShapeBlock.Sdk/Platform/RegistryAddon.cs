using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Platform;

/// <summary>
/// The in-cluster registry: a docker-registry HelmChart behind the ingress (TLS from cert-manager), its
/// htpasswd Secret <c>registry-auth</c> made from a generated password, and the <c>registry-creds</c>
/// dockerconfigjson Secret that projects copy for builds and image pulls.
/// </summary>
internal static class RegistryAddon
{
    public const string AuthSecret = "registry-auth";
    public const string CredsSecret = "registry-creds";

    public static IReadOnlyList<DesiredObject> Render(RegistryOptions options, string host, Ingress ingress, bool tls)
    {
        var password = Secret.Generated("registry password");
        var user = options.User;

        var auth = K8s.Object("v1", "Secret", AuthSecret, K8s.SystemNamespace);
        auth["type"] = "Opaque";
        auth["stringData"] = new JsonObject { ["htpasswd"] = K8s.SecretMask };
        var htpasswd = SecretValue.Derived($"htpasswd line of user {user} (bcrypt of the generated registry password)", [password],
            values => Htpasswd.Line(user, values[0]), (live, values) => Htpasswd.Verify(live, user, values[0]), recover: null);

        var creds = K8s.Object("v1", "Secret", CredsSecret, K8s.SystemNamespace);
        creds["type"] = "kubernetes.io/dockerconfigjson";
        creds["stringData"] = new JsonObject { [".dockerconfigjson"] = K8s.SecretMask };
        var dockerConfig = SecretValue.Derived($"docker config for {host} (user {user}, the generated registry password)", [password],
            values => DockerConfig(host, user, values[0]), matches: null, recover: live => PasswordOf(live, host));

        var ingressValues = new JsonObject
        {
            ["enabled"] = true,
            ["className"] = IngressAddon.ClassName(ingress),
            ["hosts"] = K8s.Array(host),
            ["annotations"] = new JsonObject { ["nginx.ingress.kubernetes.io/proxy-body-size"] = "0" },
        };
        if (tls)
        {
            ingressValues["annotations"]!["cert-manager.io/cluster-issuer"] = CertManagerAddon.IssuerName;
            ingressValues["tls"] = K8s.Array(new JsonObject { ["secretName"] = "registry-tls", ["hosts"] = K8s.Array(host) });
        }

        var chart = HelmChartManifest.Create("registry", "docker-registry", "https://helm.twun.io", PlatformVersions.RegistryChart, K8s.SystemNamespace,
            new JsonObject
            {
                ["replicaCount"] = 1,
                ["persistence"] = new JsonObject { ["enabled"] = true, ["size"] = options.Storage },
                ["resources"] = K8s.Resources("10m", "64Mi", "256Mi"),
                ["ingress"] = ingressValues,
                // The htpasswd file comes from our own Secret, so no credential ever sits in chart values.
                ["extraVolumes"] = K8s.Array(new JsonObject { ["name"] = "auth", ["secret"] = new JsonObject { ["secretName"] = AuthSecret } }),
                ["extraVolumeMounts"] = K8s.Array(new JsonObject { ["name"] = "auth", ["mountPath"] = "/auth", ["readOnly"] = true }),
                ["extraEnvVars"] = K8s.Array(
                    Env("REGISTRY_AUTH", "htpasswd"),
                    Env("REGISTRY_AUTH_HTPASSWD_REALM", "ShapeBlock registry"),
                    Env("REGISTRY_AUTH_HTPASSWD_PATH", "/auth/htpasswd")),
            });

        return
        [
            new DesiredObject(auth) { SecretData = new Dictionary<string, SecretValue> { ["htpasswd"] = htpasswd } },
            new DesiredObject(chart),
            new DesiredObject(creds) { SecretData = new Dictionary<string, SecretValue> { [".dockerconfigjson"] = dockerConfig } },
        ];
    }

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>The password in a live docker config (how a generated password is read back at the next <c>up</c>).</summary>
    private static string? PasswordOf(string dockerConfig, string host)
    {
        try
        {
            return JsonNode.Parse(dockerConfig)?["auths"]?[host]?["password"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string DockerConfig(string host, string user, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        var config = new JsonObject
        {
            ["auths"] = new JsonObject
            {
                [host] = new JsonObject { ["username"] = user, ["password"] = password, ["auth"] = auth },
            },
        };
        return config.ToJsonString(new JsonSerializerOptions { TypeInfoResolver = ShapeBlock.Api.Serialization.ShapeBlockJsonContext.Default });
    }
}

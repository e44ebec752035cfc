using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Platform;

/// <summary>Small builders for Kubernetes objects as JSON, so manifests read like YAML and keep a stable key order.</summary>
internal static class K8s
{
    public const string SystemNamespace = "shapeblock";
    public const string SecretMask = "(secret)";

    public static JsonObject Object(string apiVersion, string kind, string name, string? ns = null, JsonObject? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        if (labels is not null)
        {
            metadata["labels"] = labels;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    public static JsonObject Labels(params (string Key, string Value)[] labels)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in labels)
        {
            obj[key] = value;
        }

        return obj;
    }

    public static JsonArray Array(params JsonNode?[] items) => new(items);

    public static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    public static JsonObject Resources(string cpu, string memory, string? memoryLimit = null)
    {
        var resources = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } };
        if (memoryLimit is not null)
        {
            resources["limits"] = new JsonObject { ["memory"] = memoryLimit };
        }

        return resources;
    }

    public static JsonObject RestrictedSecurityContext() => new()
    {
        ["allowPrivilegeEscalation"] = false,
        ["readOnlyRootFilesystem"] = true,
        ["runAsNonRoot"] = true,
        ["capabilities"] = new JsonObject { ["drop"] = Array("ALL") },
        ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
    };

    /// <summary>A Deployment with one container, the selector and pod labels set from <paramref name="app"/>.</summary>
    public static JsonObject Deployment(string name, string ns, string app, string serviceAccount, JsonObject container)
    {
        var deployment = Object("apps/v1", "Deployment", name, ns);
        var selector = new JsonObject { ["app.kubernetes.io/name"] = app };
        deployment["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = selector },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = selector.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["serviceAccountName"] = serviceAccount,
                    ["containers"] = Array(container),
                },
            },
        };
        return deployment;
    }

    public static JsonObject ServiceAccount(string name, string ns) => Object("v1", "ServiceAccount", name, ns);

    public static JsonObject ClusterRoleBinding(string name, string role, string serviceAccount, string ns)
    {
        var binding = Object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", name);
        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role };
        binding["subjects"] = Array(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = serviceAccount, ["namespace"] = ns });
        return binding;
    }

    public static JsonObject Rule(string[] apiGroups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = Strings(apiGroups),
        ["resources"] = Strings(resources),
        ["verbs"] = Strings(verbs),
    };
}

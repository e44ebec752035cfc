using System.Text.Json.Nodes;

namespace ShapeBlock.Bench;

/// <summary>Objects the benchmarks seed into the in-memory API server.</summary>
internal static class Manifests
{
    public static JsonObject Object(string apiVersion, string kind, string? ns, string name, JsonObject? spec)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = meta };
        if (spec is not null)
        {
            obj["spec"] = spec;
        }

        return obj;
    }

    /// <summary>The operator's registry Secret (<c>shapeblock/registry-creds</c>) with an empty docker config.</summary>
    public static JsonObject RegistrySecret()
    {
        var secret = Object("v1", "Secret", "shapeblock", "registry-creds", null);
        secret["type"] = "kubernetes.io/dockerconfigjson";
        secret["data"] = new JsonObject { [".dockerconfigjson"] = Convert.ToBase64String("""{"auths":{}}"""u8.ToArray()) };
        return secret;
    }
}

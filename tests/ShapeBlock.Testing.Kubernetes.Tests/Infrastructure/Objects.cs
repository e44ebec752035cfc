using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>Small object builders for tests.</summary>
public static class Objects
{
    public const string Group = "apps.shapeblock.io";
    public const string Version = "v1alpha1";

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject ConfigMap(string ns, string name, IDictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = Metadata(ns, name, labels),
        ["data"] = new JsonObject { ["key"] = "value" },
    };

    public static JsonObject App(string ns, string name, int port = 8080) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "App",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["displayName"] = name,
            ["build"] = new JsonObject { ["type"] = "image", ["image"] = "ghcr.io/acme/web:1.0" },
            ["port"] = port,
        },
    };

    public static JsonObject Job(string ns, string name, JsonObject? podSpec = null) => new()
    {
        ["apiVersion"] = "batch/v1",
        ["kind"] = "Job",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["backoffLimit"] = 0,
            ["template"] = new JsonObject
            {
                ["spec"] = podSpec ?? new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }),
                },
            },
        },
    };

    public static JsonObject Pod(string ns, string name, IDictionary<string, string>? labels = null, string? node = null, params string[] containers)
    {
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray([.. (containers.Length == 0 ? ["main"] : containers).Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = "busybox" })]),
        };
        if (node is not null)
        {
            spec["nodeName"] = node;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = Metadata(ns, name, labels), ["spec"] = spec };
    }

    public static JsonObject Metadata(string? ns, string name, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))]);
        }

        return metadata;
    }

    public static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    public static JsonObject Node(JsonElement element) => JsonNode.Parse(element.GetRawText())!.AsObject();

    public static string? Str(this JsonElement e, params string[] path)
    {
        var current = e;
        foreach (var p in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(p, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : current.GetRawText();
    }
}

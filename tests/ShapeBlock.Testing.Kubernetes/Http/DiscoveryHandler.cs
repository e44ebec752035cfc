using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>
/// Discovery: <c>/api</c>, <c>/apis</c>, <c>/apis/{group}</c>, <c>/api/v1</c>, <c>/apis/{group}/{version}</c>,
/// the aggregated form (<c>apidiscovery.k8s.io/v2</c>) kubectl asks for first, and <c>/version</c>.
/// Built from the registry on each request, so CRDs appear as soon as they are established.
/// </summary>
internal sealed class DiscoveryHandler(ResourceRegistry registry, Func<string> serverAddress)
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    public async Task<bool> TryHandleAsync(HttpContext context, string path)
    {
        var aggregated = context.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        switch (path)
        {
            case "/version":
                await HttpResponses.WriteNodeAsync(context, 200, Version()).ConfigureAwait(false);
                return true;
            case "/api" when aggregated:
                await HttpResponses.WriteNodeAsync(context, 200, AggregatedList(core: true), AggregatedContentType).ConfigureAwait(false);
                return true;
            case "/apis" when aggregated:
                await HttpResponses.WriteNodeAsync(context, 200, AggregatedList(core: false), AggregatedContentType).ConfigureAwait(false);
                return true;
            case "/api":
                await HttpResponses.WriteNodeAsync(context, 200, new JsonObject
                {
                    ["kind"] = "APIVersions",
                    ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress() }),
                }).ConfigureAwait(false);
                return true;
            case "/apis":
                await HttpResponses.WriteNodeAsync(context, 200, new JsonObject
                {
                    ["kind"] = "APIGroupList",
                    ["apiVersion"] = "v1",
                    ["groups"] = new JsonArray([.. registry.Groups().Select(g => (JsonNode)Group(g.Key, g.Value))]),
                }).ConfigureAwait(false);
                return true;
        }

        var segments = path.Trim('/').Split('/');
        if (segments is ["api", var coreVersion])
        {
            return await WriteResourceListAsync(context, "", coreVersion).ConfigureAwait(false);
        }

        if (segments is ["apis", var group])
        {
            var match = registry.Groups().FirstOrDefault(g => g.Key == group);
            if (match.Key is null)
            {
                return false;
            }

            await HttpResponses.WriteNodeAsync(context, 200, Group(match.Key, match.Value)).ConfigureAwait(false);
            return true;
        }

        return segments is ["apis", var g2, var v2] && await WriteResourceListAsync(context, g2, v2).ConfigureAwait(false);
    }

    private async Task<bool> WriteResourceListAsync(HttpContext context, string group, string version)
    {
        var resources = registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return false;
        }

        var list = new JsonArray();
        foreach (var r in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(AllVerbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            list.Add(entry);
            foreach (var sub in r.Subresources)
            {
                var (kind, subGroup, subVersion, verbs) = Subresource(r, sub);
                var subEntry = new JsonObject { ["name"] = $"{r.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = r.Namespaced };
                if (subGroup != r.Group || subVersion != r.Version)
                {
                    subEntry["group"] = subGroup;
                    subEntry["version"] = subVersion;
                }

                subEntry["kind"] = kind;
                subEntry["verbs"] = Strings(verbs);
                list.Add(subEntry);
            }
        }

        await HttpResponses.WriteNodeAsync(context, 200, new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        }).ConfigureAwait(false);
        return true;
    }

    private JsonObject AggregatedList(bool core)
    {
        var items = new JsonArray();
        var groups = core
            ? [KeyValuePair.Create("", (IReadOnlyList<string>)["v1"])]
            : registry.Groups();
        foreach (var (group, versions) in groups)
        {
            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (group.Length > 0)
            {
                metadata["name"] = group;
            }

            items.Add(new JsonObject
            {
                ["metadata"] = metadata,
                ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v,
                    ["resources"] = new JsonArray([.. registry.All.Where(r => r.Group == group && r.Version == v).Select(r => (JsonNode)AggregatedResource(r))]),
                    ["freshness"] = "Current",
                })]),
            });
        }

        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    private static JsonObject AggregatedResource(ApiResource r)
    {
        var entry = new JsonObject
        {
            ["resource"] = r.Plural,
            ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = Strings(AllVerbs),
        };
        if (r.ShortNames.Count > 0)
        {
            entry["shortNames"] = Strings(r.ShortNames);
        }

        if (r.Categories.Count > 0)
        {
            entry["categories"] = Strings(r.Categories);
        }

        if (r.Subresources.Count > 0)
        {
            entry["subresources"] = new JsonArray([.. r.Subresources.Select(sub =>
            {
                var (kind, group, version, verbs) = Subresource(r, sub);
                return (JsonNode)new JsonObject
                {
                    ["subresource"] = sub,
                    ["responseKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                    ["verbs"] = Strings(verbs),
                };
            })]);
        }

        return entry;
    }

    private static (string Kind, string Group, string Version, string[] Verbs) Subresource(ApiResource r, string sub) => sub switch
    {
        "log" => (r.Kind, r.Group, r.Version, ["get"]),
        "eviction" => ("Eviction", "policy", "v1", ["create"]),
        _ => (r.Kind, r.Group, r.Version, StatusVerbs),
    };

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        JsonObject Version(string v) => new() { ["groupVersion"] = $"{name}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Version(v))]),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0+shapeblock-inmemory",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}

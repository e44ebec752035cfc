namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>What a request addresses, parsed from its path the way the API server's RequestInfoFactory does.</summary>
/// <param name="IsResource">Whether it addresses a resource (not discovery, version or openapi).</param>
/// <param name="Verb">get, list, watch, create, update, patch, delete, deletecollection.</param>
/// <param name="Group">API group.</param>
/// <param name="Version">API version.</param>
/// <param name="Namespace">Namespace, or null.</param>
/// <param name="Resource">Plural resource name.</param>
/// <param name="Name">Object name, or null.</param>
/// <param name="Subresource">Subresource, or null.</param>
internal sealed record RequestInfo(bool IsResource, string Verb, string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource)
{
    private static readonly string[] NamespaceSubresources = ["status", "finalize"];

    /// <summary>Whether the verb writes.</summary>
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    /// <summary><c>resource</c> or <c>resource/subresource</c>, as fault rules and counters name it.</summary>
    public string ResourcePath => Subresource is null ? Resource : $"{Resource}/{Subresource}";

    public static RequestInfo Parse(string method, string path, bool watchQuery)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            group = "";
            rest = segments[1..];
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            group = segments[1];
            rest = segments[2..];
        }
        else
        {
            return NonResource(method);
        }

        var version = rest[0];
        rest = rest[1..];
        if (rest.Length == 0)
        {
            return NonResource(method) with { Group = group, Version = version };
        }

        var watch = watchQuery;
        if (rest[0] == "watch")
        {
            watch = true;
            rest = rest[1..];
        }

        string? ns = null;
        if (rest.Length > 0 && rest[0] == "namespaces" && rest.Length > 1)
        {
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                ns = rest[1];
                rest = rest[2..];
            }
        }

        if (rest.Length == 0 || rest.Length > 3)
        {
            return NonResource(method) with { Group = group, Version = version };
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        var verb = method switch
        {
            "GET" or "HEAD" when name is null => watch ? "watch" : "list",
            "GET" or "HEAD" => watch ? "watch" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when name is null => "deletecollection",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        return new RequestInfo(true, verb, group, version, ns, rest[0], name, subresource);
    }

    private static RequestInfo NonResource(string method) => new(false, method.ToLowerInvariant(), "", "", null, "", null, null);
}

using System.Collections.Concurrent;

namespace ShapeBlock.Testing.Kubernetes.Faults;

/// <summary>
/// Counts HTTP API requests by verb and resource, so a test can assert e.g. "a resync made 0 writes".
/// Resources are named by plural (<c>apps</c>), optionally qualified by group (<c>apps.apps.shapeblock.io</c>),
/// with subresources as <c>apps/status</c>. In-process writes (simulators, the garbage collector) are not counted.
/// </summary>
public sealed class RequestCounter
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private readonly ConcurrentDictionary<(string Verb, string Group, string Resource), int> counts = new();
    private readonly ConcurrentQueue<RecordedRequest> recent = new();
    private readonly ConcurrentDictionary<string, int> writesByNamespace = new(StringComparer.Ordinal);

    /// <summary>The last 1,000 requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Recent => [.. recent];

    /// <summary>Requests with this verb (and resource, when given).</summary>
    /// <param name="verb">get, list, watch, create, update, patch, delete, deletecollection.</param>
    /// <param name="resource">Resource plural, <c>plural.group</c>, or <c>plural/subresource</c>; null for all.</param>
    /// <returns>The count.</returns>
    public int Count(string verb, string? resource = null) =>
        counts.Where(c => c.Key.Verb == verb && Matches(c.Key.Group, c.Key.Resource, resource)).Sum(c => c.Value);

    /// <summary>Mutating requests (create, update, patch, delete, deletecollection).</summary>
    /// <param name="resource">Resource filter as for <see cref="Count"/>; null for all.</param>
    /// <returns>The count.</returns>
    public int Writes(string? resource = null) => WriteVerbs.Sum(v => Count(v, resource));

    /// <summary>Mutating requests in one namespace (e.g. one scenario's, while another runs elsewhere).</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The count.</returns>
    public int WritesIn(string ns) => writesByNamespace.GetValueOrDefault(ns);

    /// <summary>Reading requests (get, list, watch).</summary>
    /// <param name="resource">Resource filter as for <see cref="Count"/>; null for all.</param>
    /// <returns>The count.</returns>
    public int Reads(string? resource = null) => ReadVerbs.Sum(v => Count(v, resource));

    /// <summary>Every count, keyed <c>"verb resource"</c>.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyDictionary<string, int> Snapshot() =>
        counts.ToDictionary(c => $"{c.Key.Verb} {c.Key.Resource}{(c.Key.Group.Length > 0 ? "." + c.Key.Group : "")}", c => c.Value);

    /// <summary>Starts counting from zero.</summary>
    public void Reset()
    {
        counts.Clear();
        recent.Clear();
        writesByNamespace.Clear();
    }

    internal void Record(string verb, string group, string resourcePath, string? ns, string? name)
    {
        counts.AddOrUpdate((verb, group, resourcePath), 1, (_, n) => n + 1);
        if (ns is not null && WriteVerbs.Contains(verb))
        {
            writesByNamespace.AddOrUpdate(ns, 1, (_, n) => n + 1);
        }
        recent.Enqueue(new RecordedRequest(verb, group, resourcePath, ns, name));
        while (recent.Count > 1000)
        {
            recent.TryDequeue(out _);
        }
    }

    internal static bool Matches(string group, string resourcePath, string? filter)
    {
        if (filter is null)
        {
            return true;
        }

        if (filter == resourcePath)
        {
            return true;
        }

        var slash = resourcePath.IndexOf('/', StringComparison.Ordinal);
        var qualified = slash < 0 ? $"{resourcePath}.{group}" : $"{resourcePath[..slash]}.{group}{resourcePath[slash..]}";
        return group.Length > 0 && filter == qualified;
    }
}

/// <summary>One API request as counted.</summary>
/// <param name="Verb">The verb.</param>
/// <param name="Group">API group.</param>
/// <param name="Resource">Resource (with <c>/subresource</c>).</param>
/// <param name="Namespace">Namespace, or null.</param>
/// <param name="Name">Name, or null.</param>
public sealed record RecordedRequest(string Verb, string Group, string Resource, string? Namespace, string? Name);

using System.Text.Json;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Selectors;

/// <summary>
/// A parsed field selector (<c>metadata.name=x,status.phase!=Running</c>). Only the fields the real API
/// server supports for a resource are accepted; others are a 400 <c>field label not supported</c>.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<ResourceKey, string[]> Supported = new()
    {
        [new("", "pods")] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        [new("", "events")] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        [new("events.k8s.io", "events")] = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion", "reason", "reportingController", "type"],
        [new("", "secrets")] = ["type"],
        [new("", "namespaces")] = ["status.phase"],
        [new("", "nodes")] = ["spec.unschedulable"],
        [new("batch", "jobs")] = ["status.successful"],
        [new("apps", "replicasets")] = ["status.replicas"],
    };

    private readonly List<(string Field, bool Equal, string Value)> terms;

    private FieldSelector(List<(string, bool, string)> terms) => this.terms = terms;

    /// <summary>Whether the selector has no terms.</summary>
    public bool IsEmpty => terms.Count == 0;

    /// <summary>Parses a field selector for a resource.</summary>
    /// <param name="text">The selector; null or empty matches everything.</param>
    /// <param name="resource">The resource type (decides which fields are supported).</param>
    /// <returns>The selector.</returns>
    /// <exception cref="FormatException">Malformed, or a field the resource does not support.</exception>
    public static FieldSelector Parse(string? text, ResourceKey resource)
    {
        var terms = new List<(string, bool, string)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (at, length, equal) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? (ne, 2, false)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and > 0 ? (ee, 2, true)
                : part.IndexOf('=', StringComparison.Ordinal) is var e and > 0 ? (e, 1, true)
                : throw new FormatException($"invalid selector: '{part}'; can't understand '{part}'");
            var field = part[..at].Trim();
            if (!Common.Contains(field) && !(Supported.TryGetValue(resource, out var extra) && extra.Contains(field)))
            {
                throw new FormatException($"field label not supported: {field}");
            }

            terms.Add((field, equal, part[(at + length)..].Trim()));
        }

        return new FieldSelector(terms);
    }

    /// <summary>Whether an object satisfies every term.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>True when all terms hold.</returns>
    public bool Matches(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (terms.Count == 0)
        {
            return true;
        }

        JsonDocument? doc = null;
        try
        {
            foreach (var (field, equal, value) in terms)
            {
                string actual;
                if (field == "metadata.name")
                {
                    actual = obj.Name;
                }
                else if (field == "metadata.namespace")
                {
                    actual = obj.Namespace ?? "";
                }
                else
                {
                    doc ??= JsonDocument.Parse(obj.Utf8Json);
                    actual = Read(doc.RootElement, field);
                }

                if ((actual == value) != equal)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            doc?.Dispose();
        }
    }

    private static string Read(JsonElement root, string path)
    {
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return "";
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString() ?? "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => current.GetRawText(),
            JsonValueKind.Object when path == "source" && current.TryGetProperty("component", out var c) => c.GetString() ?? "",
            _ => "",
        };
    }
}

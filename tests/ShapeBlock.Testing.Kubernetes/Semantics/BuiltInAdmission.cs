using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>
/// The defaulting and validation of built-in kinds that clients can observe: what a real API server adds
/// on create (Namespace phase, Job selector and labels, Service clusterIP, Secret stringData…) and the
/// immutable fields it refuses to change. Everything else about built-ins is stored as sent.
/// </summary>
internal static class BuiltInAdmission
{
    private static int nextServiceIp = 10;

    public static void OnCreate(ApiResource resource, JsonObject obj, string uid)
    {
        if (resource.IsCustom)
        {
            return;
        }

        var name = Meta.Name(obj);
        switch (resource.Key.ToString())
        {
            case "namespaces":
                Meta.Labels(obj)["kubernetes.io/metadata.name"] = name;
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "pods":
                Pod(resource, obj, name);
                break;
            case "jobs.batch":
                Job(resource, obj, name, uid);
                break;
            case "deployments.apps":
            case "statefulsets.apps":
            case "replicasets.apps":
                Workload(resource, obj, name);
                break;
            case "services":
                var spec = obj["spec"] as JsonObject ?? [];
                obj["spec"] = spec;
                spec["type"] ??= "ClusterIP";
                if (spec["clusterIP"] is null)
                {
                    var n = Interlocked.Increment(ref nextServiceIp);
                    spec["clusterIP"] = $"10.43.{n / 250 % 250}.{n % 250 + 1}";
                    spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.GetValue<string>());
                }

                foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    port["protocol"] ??= "TCP";
                    port["targetPort"] ??= port["port"]?.DeepClone();
                }

                break;
            case "secrets":
                obj["type"] ??= "Opaque";
                MergeStringData(obj);
                break;
            case "persistentvolumeclaims":
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
            case "customresourcedefinitions.apiextensions.k8s.io":
                var causes = CrdDefinition.Validate(obj);
                if (causes.Count > 0)
                {
                    throw ApiException.Invalid(resource, name, causes);
                }

                Meta.SetFinalizers(obj, [.. Meta.Finalizers(obj), "customresourcecleanup.apiextensions.k8s.io"]);
                CrdStatus(obj);
                break;
        }
    }

    public static void OnUpdate(ApiResource resource, JsonObject old, JsonObject obj)
    {
        if (resource.IsCustom)
        {
            return;
        }

        var name = Meta.Name(obj);
        switch (resource.Key.ToString())
        {
            case "jobs.batch":
                foreach (var field in new[] { "template", "selector", "completions" })
                {
                    if (!Meta.JsonEquals(old["spec"]?[field], obj["spec"]?[field]))
                    {
                        throw ApiException.Invalid(resource, name, [Cause.Invalid($"spec.{field}", "{...}", "field is immutable")]);
                    }
                }

                break;
            case "secrets":
            case "configmaps":
                MergeStringData(obj);
                if (old["immutable"]?.GetValue<bool>() == true &&
                    (!Meta.JsonEquals(old["data"], obj["data"]) || !Meta.JsonEquals(old["binaryData"], obj["binaryData"])))
                {
                    throw ApiException.Invalid(resource, name, [Cause.Forbidden("data", "field is immutable when `immutable` is set")]);
                }

                break;
            case "services":
                if (obj["spec"] is JsonObject spec && spec["clusterIP"] is null && old["spec"]?["clusterIP"] is { } ip)
                {
                    spec["clusterIP"] = ip.DeepClone();
                }

                break;
            case "namespaces":
                obj["spec"] = old["spec"]?.DeepClone();
                Meta.Labels(obj)["kubernetes.io/metadata.name"] = name;
                break;
            case "customresourcedefinitions.apiextensions.k8s.io":
                var causes = CrdDefinition.Validate(obj);
                if (causes.Count > 0)
                {
                    throw ApiException.Invalid(resource, name, causes);
                }

                CrdStatus(obj);
                break;
        }
    }

    /// <summary>Whether creating this kind keeps a status sent by the client (real: Nodes and Events do).</summary>
    public static bool KeepsStatusOnCreate(ApiResource resource) =>
        !resource.HasStatus || resource.Key == new ResourceKey("", "nodes") || resource.Key == new ResourceKey("", "persistentvolumes");

    /// <summary>Whether <c>metadata.generation</c> is maintained (custom resources and spec/status workloads).</summary>
    public static bool TracksGeneration(ApiResource resource) =>
        resource.IsCustom || resource.Group is "apps" or "batch" or "policy" or "networking.k8s.io" or "autoscaling" or "apiextensions.k8s.io";

    /// <summary>Whether PUT on a missing object creates it (real: Leases, Events, Endpoints).</summary>
    public static bool CreatesOnUpdate(ApiResource resource) =>
        resource.Plural is "leases" or "events" or "endpoints";

    private static void Pod(ApiResource resource, JsonObject obj, string name)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec?["containers"] is not JsonArray { Count: > 0 })
        {
            throw ApiException.Invalid(resource, name, [Cause.Required("spec.containers")]);
        }

        spec["restartPolicy"] ??= "Always";
        spec["schedulerName"] ??= "default-scheduler";
        spec["serviceAccountName"] ??= "default";
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
    }

    private static void Job(ApiResource resource, JsonObject obj, string name, string uid)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec?["template"] is not JsonObject template)
        {
            throw ApiException.Invalid(resource, name, [Cause.Required("spec.template")]);
        }

        var restart = template["spec"]?["restartPolicy"]?.GetValue<string>();
        if (restart is not ("Never" or "OnFailure"))
        {
            throw ApiException.Invalid(resource, name, [new Cause("FieldValueNotSupported",
                $"Unsupported value: \"{restart ?? "Always"}\": supported values: \"OnFailure\", \"Never\"", "spec.template.spec.restartPolicy")]);
        }

        spec["backoffLimit"] ??= 6;
        spec["completions"] ??= 1;
        spec["parallelism"] ??= 1;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        if (spec["manualSelector"]?.GetValue<bool>() != true)
        {
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
            var metadata = template["metadata"] as JsonObject ?? [];
            template["metadata"] = metadata;
            var labels = metadata["labels"] as JsonObject ?? [];
            metadata["labels"] = labels;
            labels["batch.kubernetes.io/controller-uid"] = uid;
            labels["batch.kubernetes.io/job-name"] = name;
            labels["controller-uid"] = uid;
            labels["job-name"] = name;
        }
    }

    private static void Workload(ApiResource resource, JsonObject obj, string name)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec?["selector"] is not JsonObject selector)
        {
            throw ApiException.Invalid(resource, name, [Cause.Required("spec.selector")]);
        }

        var templateLabels = spec["template"]?["metadata"]?["labels"] as JsonObject ?? [];
        var labels = templateLabels.ToDictionary(l => l.Key, l => l.Value?.ToString() ?? "");
        if (Selectors.LabelSelector.FromObject(selector) is { } parsed && (!parsed.Matches(labels) || parsed.IsEmpty))
        {
            throw ApiException.Invalid(resource, name, [Cause.Invalid("spec.template.metadata.labels", "{...}", "`selector` does not match template `labels`")]);
        }

        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
    }

    private static void MergeStringData(JsonObject obj)
    {
        if (obj["stringData"] is not JsonObject stringData)
        {
            return;
        }

        var data = obj["data"] as JsonObject ?? [];
        obj["data"] = data;
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? ""));
        }

        obj.Remove("stringData");
    }

    private static void CrdStatus(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var storage = (spec["versions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(v => v["storage"]?.GetValue<bool>() == true)?["name"]?.GetValue<string>();
        crd["status"] = new JsonObject
        {
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["storedVersions"] = new JsonArray(storage ?? ""),
        };
    }

    private static JsonObject Condition(string type, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = Meta.Timestamp(DateTimeOffset.UtcNow),
        ["reason"] = reason,
        ["message"] = message,
    };
}

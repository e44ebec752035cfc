using System.Globalization;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>Records Events the way cluster components do: a core/v1 Event and its events.k8s.io/v1 twin.</summary>
internal static class EventRecorder
{
    public static void Record(ObjectApi api, StoredObject regarding, string apiVersion, string kind, string type, string reason, string message, string component, DateTimeOffset now)
    {
        var ns = regarding.Namespace ?? "default";
        var name = $"{regarding.Name}.{now.UtcTicks.ToString("x", CultureInfo.InvariantCulture)}{NameValidation.RandomSuffix()}";
        var involved = new JsonObject
        {
            ["kind"] = kind,
            ["namespace"] = regarding.Namespace,
            ["name"] = regarding.Name,
            ["uid"] = regarding.Uid,
            ["apiVersion"] = apiVersion,
            ["resourceVersion"] = regarding.ResourceVersion.ToString(CultureInfo.InvariantCulture),
        };
        var options = new WriteOptions { FieldManager = component };
        api.CreateOwned(api.Resource("v1", "Event"), ns, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = involved,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = Meta.Timestamp(now),
            ["lastTimestamp"] = Meta.Timestamp(now),
            ["count"] = 1,
            ["type"] = type,
            ["reportingComponent"] = component,
            ["reportingInstance"] = component,
        }, options);
        api.CreateOwned(api.Resource("events.k8s.io/v1", "Event"), ns, new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["eventTime"] = Meta.MicroTimestamp(now),
            ["regarding"] = involved.DeepClone(),
            ["reason"] = reason,
            ["note"] = message,
            ["type"] = type,
            ["action"] = reason == "FailedScheduling" ? "Scheduling" : reason,
            ["reportingController"] = component,
            ["reportingInstance"] = component,
        }, options);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Selectors;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>
/// <c>POST pods/{name}/eviction</c>: deletes the pod unless its PodDisruptionBudget (minAvailable or
/// maxUnavailable, as a count or percentage) would be violated, in which case it answers 429.
/// Pending and finished pods are evicted without consulting the budget, as on a real server.
/// </summary>
internal sealed class EvictionHandler(ObjectApi api, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info, ApiResource pods)
    {
        if (info.Verb != "create")
        {
            throw ApiException.MethodNotAllowed();
        }

        var ns = info.Namespace!;
        var body = await RequestReader.BodyObjectAsync(context).ConfigureAwait(false);
        if (body["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != info.Name)
        {
            throw ApiException.BadRequest($"name in URL does not match name in Eviction object");
        }

        var deleteOptions = new Semantics.DeleteOptions
        {
            PropagationPolicy = body["deleteOptions"]?["propagationPolicy"]?.GetValue<string>(),
            PreconditionUid = body["deleteOptions"]?["preconditions"]?["uid"]?.GetValue<string>(),
            PreconditionResourceVersion = body["deleteOptions"]?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
        };
        // The budget check and the delete are one step, so two concurrent evictions cannot both pass.
        lock (api.Store.Sync)
        {
            var pod = api.Get(pods, ns, info.Name!);
            if (!pod.IsTerminating)
            {
                if (Phase(pod) is not ("Pending" or "Succeeded" or "Failed"))
                {
                    CheckBudget(pods, pod);
                }

                api.Delete(pods, ns, info.Name!, deleteOptions);
            }
        }

        await HttpResponses.WriteSuccessAsync(context, 201).ConfigureAwait(false);
    }

    private void CheckBudget(ApiResource pods, StoredObject pod)
    {
        var pdbResource = api.Registry.FindByKey(new ResourceKey("policy", "poddisruptionbudgets"))!;
        var budgets = api.List(pdbResource, pod.Namespace).Items
            .Select(b => (Object: b, Json: b.ToJson()))
            .Where(b => LabelSelector.FromObject(b.Json["spec"]?["selector"] as JsonObject) is { } s && !s.IsEmpty && s.Matches(pod.Labels))
            .ToList();
        if (budgets.Count == 0)
        {
            return;
        }

        if (budgets.Count > 1)
        {
            throw ApiException.Internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        var (budget, json) = budgets[0];
        var selector = LabelSelector.FromObject(json["spec"]!["selector"] as JsonObject)!;
        var covered = api.List(pods, pod.Namespace).Items.Where(p => selector.Matches(p.Labels) && !p.IsTerminating && Phase(p) is not ("Succeeded" or "Failed")).ToList();
        var expected = ExpectedPods(covered);
        var healthy = covered.Count(Healthy);
        int desired;
        if (json["spec"]?["minAvailable"] is { } min)
        {
            desired = Amount(min, expected);
        }
        else if (json["spec"]?["maxUnavailable"] is { } max)
        {
            desired = Math.Max(0, expected - Amount(max, expected));
        }
        else
        {
            desired = 0;
        }

        var allowed = Math.Max(0, healthy - desired);
        var ok = Healthy(pod) ? allowed > 0 : healthy >= desired;
        if (!ok)
        {
            throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.")
            {
                Causes = [new Cause("DisruptionBudget", $"The disruption budget {budget.Name} needs {desired} healthy pods and has {healthy} currently", null)],
            };
        }

        api.Mutate(pdbResource, budget.Namespace, budget.Name, o =>
        {
            var disrupted = o["status"]?["disruptedPods"] as JsonObject ?? [];
            disrupted[pod.Name] = Meta.Timestamp(time.GetUtcNow());
            o["status"] = new JsonObject
            {
                ["observedGeneration"] = o["metadata"]?["generation"]?.DeepClone(),
                ["disruptionsAllowed"] = Math.Max(0, allowed - 1),
                ["currentHealthy"] = healthy,
                ["desiredHealthy"] = desired,
                ["expectedPods"] = expected,
                ["disruptedPods"] = disrupted.DeepClone(),
            };
        }, new WriteOptions { FieldManager = "kube-apiserver" }, "status");
    }

    /// <summary>Like the disruption controller: the controllers' desired replicas when the pods have them, else the pod count.</summary>
    private int ExpectedPods(IReadOnlyList<StoredObject> covered)
    {
        var owners = covered.Select(p => p.OwnerReferences.FirstOrDefault(o => o.Controller)).ToList();
        if (owners.Count == 0 || owners.Any(o => o is null))
        {
            return covered.Count;
        }

        var replicas = 0;
        foreach (var uid in owners.Select(o => o!.Uid).Distinct())
        {
            if (api.Store.GetByUid(uid)?.ToJson()["spec"]?["replicas"] is not JsonValue value || !value.TryGetValue<int>(out var desired))
            {
                return covered.Count;
            }

            replicas += desired;
        }

        return replicas;
    }

    private static string? Phase(StoredObject pod) => pod.ToJson()["status"]?["phase"]?.GetValue<string>();

    private static bool Healthy(StoredObject pod)
    {
        var status = pod.ToJson()["status"];
        if (status?["phase"]?.GetValue<string>() != "Running")
        {
            return false;
        }

        var ready = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready");
        return ready is null || ready["status"]?.GetValue<string>() == "True";
    }

    private static int Amount(JsonNode value, int total)
    {
        var text = value.ToString();
        if (text.EndsWith('%'))
        {
            var percent = int.Parse(text[..^1], CultureInfo.InvariantCulture);
            return (int)Math.Ceiling(percent * total / 100.0);
        }

        return int.Parse(text, CultureInfo.InvariantCulture);
    }
}

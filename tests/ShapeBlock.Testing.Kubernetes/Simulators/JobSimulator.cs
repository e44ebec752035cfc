using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>
/// The job controller and the kubelet of job pods. A Job gets a pod <c>&lt;job&gt;-&lt;random&gt;</c> labelled
/// <c>job-name</c>/<c>batch.kubernetes.io/job-name</c>/<c>controller-uid</c>; the pod runs as the first matching
/// script says (default: succeed at once); the Job's status follows (active/succeeded/failed, startTime,
/// completionTime, SuccessCriteriaMet+Complete or FailureTarget+Failed with BackoffLimitExceeded or
/// DeadlineExceeded). Failed pods are retried up to <c>backoffLimit</c> (without the real back-off delay);
/// finished Jobs with <c>ttlSecondsAfterFinished</c> are deleted.
/// </summary>
public sealed class JobSimulator : Simulator
{
    private static readonly ResourceKey JobsKey = new("batch", "jobs");
    private static readonly ResourceKey PodsKey = new("", "pods");
    private static readonly WriteOptions AsController = new() { FieldManager = "job-controller" };
    private readonly Lock sync = new();
    private readonly List<ScriptEntry> scripts = [];
    private readonly List<Func<JsonObject, JobOutcome?>> resolvers = [];
    private readonly ConcurrentDictionary<string, bool> started = new();
    private readonly ConcurrentDictionary<string, bool> counted = new();
    private readonly ConcurrentDictionary<string, bool> timers = new();
    private readonly Kubelet kubelet;

    internal JobSimulator(ObjectApi api, PodLogStore logs, TimeProvider time)
        : base(api, logs, time) => kubelet = new Kubelet(api, logs, time);

    /// <summary>The outcome of pods no script matches.</summary>
    public JobOutcome DefaultOutcome { get; set; } = JobOutcome.Succeed();

    /// <inheritdoc />
    protected override IReadOnlyCollection<ResourceKey> Watched { get; } = [JobsKey, PodsKey];

    /// <summary>Scripts the pods of matching Jobs; the most recently added matching script wins.</summary>
    /// <param name="matcher">Chooses Jobs (the Job object as stored).</param>
    /// <param name="outcome">What their pods do.</param>
    /// <param name="times">How many pods it applies to; null for all.</param>
    public void Script(Func<JsonObject, bool> matcher, JobOutcome outcome, int? times = null)
    {
        lock (sync)
        {
            scripts.Add(new ScriptEntry(matcher, outcome, times));
        }
    }

    /// <summary>Scripts the pods of the Job with this name.</summary>
    /// <param name="jobName">metadata.name of the Job.</param>
    /// <param name="outcome">What its pods do.</param>
    /// <param name="times">How many pods it applies to; null for all.</param>
    public void Script(string jobName, JobOutcome outcome, int? times = null) =>
        Script(j => Meta.Name(j) == jobName, outcome, times);

    /// <summary>Adds a resolver consulted after the scripts (used by the helm-controller simulator).</summary>
    /// <param name="resolver">Returns the outcome for a Job, or null when it does not apply.</param>
    internal void AddResolver(Func<JsonObject, JobOutcome?> resolver)
    {
        lock (sync)
        {
            resolvers.Add(resolver);
        }
    }

    /// <summary>Removes every script.</summary>
    public void ClearScripts()
    {
        lock (sync)
        {
            scripts.Clear();
        }
    }

    /// <inheritdoc />
    protected override void Handle(StoreEvent e)
    {
        var obj = e.Object!;
        if (obj.Resource == JobsKey && e.Type != WatchEventType.Deleted)
        {
            Reconcile(obj.Namespace!, obj.Name);
        }
        else if (obj.Resource == PodsKey && JobOwner(obj) is { } owner)
        {
            if (e.Type == WatchEventType.Added && !obj.IsTerminating && Phase(obj) == "Pending" && started.TryAdd(obj.Uid, true))
            {
                var job = Api.Store.GetByUid(owner.Uid);
                var outcome = job is null ? DefaultOutcome : Pick(job.ToJson());
                Spawn(ct => kubelet.RunAsync(obj, outcome, DelayAsync, ct));
            }

            Reconcile(obj.Namespace!, owner.Name);
        }
    }

    private void Reconcile(string ns, string name)
    {
        // Counting pods and writing the Job's status is one step with respect to the kubelet's writes.
        lock (Api.Store.Sync)
        {
            ReconcileLocked(ns, name);
        }
    }

    private void ReconcileLocked(string ns, string name)
    {
        var jobs = Resource("batch", "jobs");
        if (Api.TryGet(jobs, ns, name) is not { IsTerminating: false } stored)
        {
            return;
        }

        if (Finished(stored))
        {
            ScheduleTtl(stored);
            return;
        }

        var job = stored.ToJson();
        var spec = job["spec"]!.AsObject();

        if (spec["suspend"]?.GetValue<bool>() == true)
        {
            return;
        }

        var pods = Api.Store.DependentsOf(stored.Uid).Where(p => p.Resource == PodsKey).ToList();
        var newlySucceeded = pods.Count(p => Phase(p) == "Succeeded" && counted.TryAdd(p.Uid, true));
        var newlyFailed = pods.Count(p => Phase(p) == "Failed" && counted.TryAdd(p.Uid, true));
        var active = pods.Count(p => !p.IsTerminating && Phase(p) is "Pending" or "Running");
        var status = job["status"] as JsonObject ?? [];
        var succeeded = (status["succeeded"]?.GetValue<int>() ?? 0) + newlySucceeded;
        var failed = (status["failed"]?.GetValue<int>() ?? 0) + newlyFailed;
        var completions = spec["completions"]?.GetValue<int>() ?? 1;
        var backoffLimit = spec["backoffLimit"]?.GetValue<int>() ?? 6;
        var now = Meta.Timestamp(Time.GetUtcNow());
        var conditions = new JsonArray();
        string? completionTime = null;
        if (succeeded >= completions)
        {
            conditions.Add(Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now));
            conditions.Add(Condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
            completionTime = now;
        }
        else if (failed > backoffLimit)
        {
            conditions.Add(Condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
            conditions.Add(Condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
        }
        else if (active == 0)
        {
            CreatePod(stored, job);
            active = 1;
        }

        Api.Mutate(jobs, ns, name, o =>
        {
            var s = o["status"] as JsonObject ?? [];
            o["status"] = s;
            s["startTime"] ??= now;
            s["active"] = conditions.Count > 0 ? 0 : active;
            s["ready"] = conditions.Count > 0 ? 0 : pods.Count(p => Phase(p) == "Running");
            s["terminating"] = 0;
            s["uncountedTerminatedPods"] = new JsonObject();
            if (succeeded > 0)
            {
                s["succeeded"] = succeeded;
            }

            if (failed > 0)
            {
                s["failed"] = failed;
            }

            if (conditions.Count > 0)
            {
                s["conditions"] = conditions;
                s.Remove("active");
            }

            if (completionTime is not null)
            {
                s["completionTime"] = completionTime;
            }
        }, AsController, "status");
        if (conditions.Count > 0)
        {
            foreach (var pod in pods.Where(p => !p.IsTerminating && Phase(p) is "Pending" or "Running"))
            {
                Api.Delete(Resource("", "pods"), pod.Namespace, pod.Name, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
            }
        }
        else if (spec["activeDeadlineSeconds"]?.GetValue<long>() is { } deadline && timers.TryAdd(stored.Uid, true))
        {
            Spawn(async ct =>
            {
                await DelayAsync(TimeSpan.FromSeconds(deadline), ct).ConfigureAwait(false);
                FailDeadline(ns, name, stored.Uid);
            });
        }
    }

    private void FailDeadline(string ns, string name, string uid)
    {
        var jobs = Resource("batch", "jobs");
        lock (Api.Store.Sync)
        {
            if (Api.TryGet(jobs, ns, name) is not { } stored || stored.Uid != uid || Finished(stored))
            {
                return;
            }

            var killed = 0;
            foreach (var pod in Api.Store.DependentsOf(uid).Where(p => p.Resource == PodsKey && !p.IsTerminating && Phase(p) is "Pending" or "Running"))
            {
                counted.TryAdd(pod.Uid, true);
                Api.Delete(Resource("", "pods"), pod.Namespace, pod.Name, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
                killed++;
            }

            var now = Meta.Timestamp(Time.GetUtcNow());
            Api.Mutate(jobs, ns, name, o =>
            {
                var s = o["status"] as JsonObject ?? [];
                o["status"] = s;
                s.Remove("active");
                s["ready"] = 0;
                s["failed"] = (s["failed"]?.GetValue<int>() ?? 0) + killed;
                s["conditions"] = new JsonArray(
                    Condition("FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline", now),
                    Condition("Failed", "DeadlineExceeded", "Job was active longer than specified deadline", now));
            }, AsController, "status");
        }
    }

    private void CreatePod(StoredObject stored, JsonObject job)
    {
        var template = (JsonObject)job["spec"]!["template"]!.DeepClone();
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
        metadata["generateName"] = stored.Name + "-";
        metadata["namespace"] = stored.Namespace;
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["name"] = stored.Name,
            ["uid"] = stored.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() };
        Api.CreateOwned(Resource("", "pods"), stored.Namespace, pod, AsController);
    }

    private void ScheduleTtl(StoredObject stored)
    {
        if (stored.At("spec", "ttlSecondsAfterFinished") is not { ValueKind: System.Text.Json.JsonValueKind.Number } ttlValue || !timers.TryAdd("ttl/" + stored.Uid, true))
        {
            return;
        }

        var ttl = ttlValue.GetInt64();

        Spawn(async ct =>
        {
            await DelayAsync(TimeSpan.FromSeconds(ttl), ct).ConfigureAwait(false);
            if (Api.TryGet(Resource("batch", "jobs"), stored.Namespace, stored.Name) is { } current && current.Uid == stored.Uid)
            {
                Api.Delete(Resource("batch", "jobs"), stored.Namespace, stored.Name, new Semantics.DeleteOptions { PropagationPolicy = "Background" });
            }
        });
    }

    private JobOutcome Pick(JsonObject job)
    {
        lock (sync)
        {
            for (var i = scripts.Count - 1; i >= 0; i--)
            {
                var script = scripts[i];
                if (script.Matcher(job))
                {
                    if (script.Remaining is { } n)
                    {
                        script.Remaining = n - 1;
                        if (script.Remaining <= 0)
                        {
                            scripts.RemoveAt(i);
                        }
                    }

                    return script.Outcome;
                }
            }

            return resolvers.Select(r => r(job)).FirstOrDefault(o => o is not null) ?? DefaultOutcome;
        }
    }

    private static OwnerReference? JobOwner(StoredObject pod) => pod.OwnerReferences.FirstOrDefault(o => o.Kind == "Job" && o.Controller);

    private static string? Phase(StoredObject pod) => pod.StringAt("status", "phase");

    internal static bool Finished(JsonObject job) =>
        (job["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() is "Complete" or "Failed" && c["status"]?.GetValue<string>() == "True");

    /// <summary><see cref="Finished(JsonObject)"/> on the stored object, without a mutable copy.</summary>
    internal static bool Finished(StoredObject job) => HasTrueCondition(job, "Complete") || HasTrueCondition(job, "Failed");

    /// <summary>Whether <c>status.conditions</c> has a condition of the type with status True.</summary>
    internal static bool HasTrueCondition(StoredObject obj, string type)
    {
        if (obj.At("status", "conditions") is not { ValueKind: System.Text.Json.JsonValueKind.Array } conditions)
        {
            return false;
        }

        foreach (var c in conditions.EnumerateArray())
        {
            if (c.ValueKind == System.Text.Json.JsonValueKind.Object &&
                c.TryGetProperty("type", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String && t.ValueEquals(type) &&
                c.TryGetProperty("status", out var st) && st.ValueKind == System.Text.Json.JsonValueKind.String && st.ValueEquals("True"))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastProbeTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private sealed class ScriptEntry(Func<JsonObject, bool> matcher, JobOutcome outcome, int? remaining)
    {
        public Func<JsonObject, bool> Matcher { get; } = matcher;

        public JobOutcome Outcome { get; } = outcome;

        public int? Remaining { get; set; } = remaining;
    }
}

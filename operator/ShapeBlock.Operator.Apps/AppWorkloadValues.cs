using System.Text.Json.Nodes;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>The <c>deployments</c> and <c>pvcs</c> sections of an app's chart values (nxs-universal-chart 2.8.3 shape).</summary>
internal static class AppWorkloadValues
{
    /// <summary>Label that keeps the selectors of the web Deployment, its Service and each worker apart.</summary>
    public const string ProcessLabel = "shapeblock.io/process";

    /// <summary>Value of <see cref="ProcessLabel"/> on the web process.</summary>
    public const string WebProcess = "web";

    public const int DefaultPort = 8080;

    /// <summary>
    /// The web Deployment <c>&lt;app&gt;</c> and one Deployment <c>&lt;app&gt;-&lt;worker&gt;</c> per worker,
    /// all from the same image and environment.
    /// </summary>
    public static JsonObject Deployments(App app, ImageReference image, string pullSecret)
    {
        var spec = app.Spec;
        var name = app.Metadata.Name;
        var env = Env(spec);
        var deployments = new JsonObject();

        var web = Container(name, image, env, spec);
        SetList(web, "command", spec.Command);
        SetList(web, "args", spec.Args);
        web["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = Port(spec), ["protocol"] = "TCP" });
        if (spec.HealthCheck is { } health)
        {
            web["readinessProbe"] = Probe(health, spec, periodSeconds: 10, failureThreshold: 3);
            // Looser than readiness: a slow pod leaves the Service long before it is restarted.
            web["livenessProbe"] = Probe(health, spec, periodSeconds: 20, failureThreshold: 6);
        }

        var volumes = spec.Volumes ?? [];
        if (volumes.Count > 0)
        {
            web["volumeMounts"] = new JsonArray([.. volumes.Select(v => (JsonNode)new JsonObject { ["name"] = ClaimName(name, v), ["mountPath"] = v.MountPath })]);
        }

        var webDeployment = Deployment(WebProcess, pullSecret, web);
        if (spec.Autoscaling is null)
        {
            webDeployment["replicas"] = Replicas(spec.Replicas ?? 1);
        }

        if (volumes.Count > 0)
        {
            webDeployment["volumes"] = new JsonArray([.. volumes.Select(v => (JsonNode)new JsonObject { ["type"] = "pvc", ["name"] = ClaimName(name, v) })]);
            // ReadWriteOnce: a rolling update would start the new pod before the old one lets go of the volume.
            webDeployment["strategy"] = new JsonObject { ["type"] = "Recreate" };
        }

        deployments[name] = webDeployment;

        foreach (var worker in spec.Workers ?? [])
        {
            var container = Container(worker.Name, image, env, spec);
            SetList(container, "command", worker.Command);
            var deployment = Deployment("worker-" + worker.Name, pullSecret, container);
            deployment["replicas"] = Replicas(worker.Replicas ?? 1);
            deployments[WorkerName(name, worker)] = deployment;
        }

        return deployments;
    }

    /// <summary>One ReadWriteOnce claim per volume, named <c>&lt;app&gt;-&lt;volume&gt;</c> so apps of a project never share one by accident.</summary>
    public static JsonObject Pvcs(App app)
    {
        var pvcs = new JsonObject();
        foreach (var volume in app.Spec.Volumes ?? [])
        {
            pvcs[ClaimName(app.Metadata.Name, volume)] = new JsonObject
            {
                ["accessModes"] = new JsonArray("ReadWriteOnce"),
                ["size"] = volume.Size,
            };
        }

        return pvcs;
    }

    public static int Port(AppSpec spec) => spec.Port ?? DefaultPort;

    public static string WorkerName(string app, Worker worker) => KubeNames.Fit($"{app}-{worker.Name}");

    public static string ClaimName(string app, AppVolume volume) => KubeNames.Fit($"{app}-{volume.Name}");

    /// <summary>The chart renders <c>image: &lt;image&gt;:&lt;imageTag&gt;</c>; a digest rides in the tag (<c>tag@sha256:…</c>).</summary>
    public static (string Image, string Tag, string PullPolicy) ChartImage(ImageReference image)
    {
        var tag = image.Tag ?? ImageReference.DefaultTag;
        if (image.Digest is { } digest)
        {
            return (image.Name, $"{tag}@{digest}", "IfNotPresent");
        }

        // A moving tag must be pulled again on every rollout; a unique tag (a commit SHA) need not be.
        return (image.Name, tag, tag == ImageReference.DefaultTag ? "Always" : "IfNotPresent");
    }

    private static JsonObject Deployment(string process, string pullSecret, JsonObject container) => new()
    {
        ["extraSelectorLabels"] = new JsonObject { [ProcessLabel] = process },
        ["extraImagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = pullSecret }),
        ["containers"] = new JsonArray(container),
    };

    private static JsonObject Container(string name, ImageReference image, JsonArray env, AppSpec spec)
    {
        var (repository, tag, pullPolicy) = ChartImage(image);
        var container = new JsonObject
        {
            // Named, or the chart invents a random name and every upgrade restarts the pods.
            ["name"] = name,
            ["image"] = repository,
            ["imageTag"] = tag,
            ["imagePullPolicy"] = pullPolicy,
        };
        if (env.Count > 0)
        {
            container["env"] = env.DeepClone();
        }

        SetList(container, "envSecrets", spec.SecretEnv);

        if (Resources(spec.Resources) is { } resources)
        {
            container["resources"] = resources;
        }

        return container;
    }

    /// <summary>Plain env (sorted by name), then the bound services' variables; an explicit env entry wins over a generated one.</summary>
    private static JsonArray Env(AppSpec spec)
    {
        var env = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in (spec.Env ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            names.Add(key);
            env.Add((JsonNode)new JsonObject { ["name"] = key, ["value"] = value });
        }

        foreach (var binding in spec.Services ?? [])
        {
            foreach (var (name, entry) in ServiceBindingEnv.Entries(binding))
            {
                if (names.Add(name))
                {
                    env.Add((JsonNode)entry);
                }
            }
        }

        return env;
    }

    private static JsonObject Probe(HealthCheck health, AppSpec spec, int periodSeconds, int failureThreshold)
    {
        var probe = new JsonObject
        {
            ["httpGet"] = new JsonObject { ["path"] = health.Path ?? "/", ["port"] = health.Port ?? Port(spec) },
            ["periodSeconds"] = periodSeconds,
            ["failureThreshold"] = failureThreshold,
        };
        if (health.InitialDelaySeconds is { } delay)
        {
            probe["initialDelaySeconds"] = delay;
        }

        return probe;
    }

    internal static JsonObject? Resources(ResourceRequirements? resources)
    {
        var result = new JsonObject();
        if (Compute(resources?.Requests) is { } requests)
        {
            result["requests"] = requests;
        }

        if (Compute(resources?.Limits) is { } limits)
        {
            result["limits"] = limits;
        }

        return result.Count > 0 ? result : null;
    }

    private static JsonObject? Compute(ComputeResources? compute)
    {
        var result = new JsonObject();
        if (compute?.Cpu is { Length: > 0 } cpu)
        {
            result["cpu"] = cpu;
        }

        if (compute?.Memory is { Length: > 0 } memory)
        {
            result["memory"] = memory;
        }

        return result.Count > 0 ? result : null;
    }

    // The chart writes `replicas: {{ .replicas | default 1 }}`, and Sprig's default treats 0 as empty:
    // the string "0" is not empty and renders as the number 0.
    private static JsonNode Replicas(int replicas) => replicas == 0 ? JsonValue.Create("0") : JsonValue.Create(replicas);

    private static void SetList(JsonObject target, string key, IReadOnlyCollection<string>? values)
    {
        if (values is { Count: > 0 })
        {
            target[key] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }
}

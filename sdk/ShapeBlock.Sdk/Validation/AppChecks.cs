using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Validation;

/// <summary>Checks an app and its builds.</summary>
internal static class AppChecks
{
    public static void Check(App app, ProblemList problems, SecretResolver resolver, Dictionary<string, string> hosts)
    {
        var path = app.Path;
        var args = app.Args;
        if (!Rules.IsDns1035Label(app.Name, 53))
        {
            problems.Error(path, $"app name '{app.Name}' must start with a lower-case letter, contain only lower-case letters, digits and '-', and be at most 53 characters", "metadata.name");
        }

        if (args.Port is < 1 or > 65535)
        {
            problems.Error(path, "port must be 1–65535", "spec.port");
        }

        if (args.Replicas is < 0 or > 1000)
        {
            problems.Error(path, "replicas must be 0–1000", "spec.replicas");
        }

        switch (args.Build.Type)
        {
            case BuildKind.Image when string.IsNullOrWhiteSpace(args.Build.ImageReference):
                problems.Error(path, "Build.Image(...) needs an image reference such as ghcr.io/acme/web:1.2", "spec.build.image");
                break;
            case BuildKind.Dockerfile or BuildKind.Buildpack when args.Git is null:
                problems.Error(path, $"Git is required for {args.Build.Type} builds (or deploy an image with Build.Image(...))", "spec.git");
                break;
        }

        if (args.Git is { } git && string.IsNullOrWhiteSpace(git.Url))
        {
            problems.Error(path, "Git URL is required", "spec.git.url");
        }

        Env(app, problems, resolver);
        Domains(app, problems, hosts);
        Bindings(app, problems);
        WorkloadChecks.Resources(problems, path, args.Resources, "resources", "spec.resources");

        if (args.HealthCheck is { } health)
        {
            if (!health.Path.StartsWith('/'))
            {
                problems.Error(path, $"health check path '{health.Path}' must start with '/'", "spec.healthCheck.path");
            }

            if (health.Port is < 1 or > 65535)
            {
                problems.Error(path, "health check port must be 1–65535", "spec.healthCheck.port");
            }
        }

        if (args.Autoscaling is { } scale)
        {
            if (scale.MinReplicas < 1 || scale.MaxReplicas > 1000 || scale.MinReplicas > scale.MaxReplicas)
            {
                problems.Error(path, $"autoscaling needs 1 ≤ min ≤ max ≤ 1000 (got {scale.MinReplicas}–{scale.MaxReplicas})", "spec.autoscaling");
            }

            if (scale.TargetCpuPercent is < 1 or > 100)
            {
                problems.Error(path, "autoscaling target CPU must be 1–100 percent", "spec.autoscaling.targetCPUUtilization");
            }

            if (args.Replicas is not null)
            {
                problems.Warning(path, "Replicas is ignored while Autoscaling is set");
            }
        }

        problems.Duplicates(path, "worker", args.Workers.Select(w => w.Name), "spec.workers");
        for (var i = 0; i < args.Workers.Count; i++)
        {
            var worker = args.Workers[i];
            if (!Rules.IsDns1035Label(worker.Name, 30))
            {
                problems.Error(path, $"worker name '{worker.Name}' must be a DNS label of at most 30 characters", $"spec.workers[{i}].name");
            }

            if (worker.Command is not { Length: > 0 })
            {
                problems.Error(path, $"worker '{worker.Name}' needs a command", $"spec.workers[{i}].command");
            }
        }

        problems.Duplicates(path, "volume", args.Volumes.Select(v => v.Name), "spec.volumes");
        for (var i = 0; i < args.Volumes.Count; i++)
        {
            var volume = args.Volumes[i];
            if (!volume.MountPath.StartsWith('/'))
            {
                problems.Error(path, $"volume '{volume.Name}' mount path '{volume.MountPath}' must be absolute", $"spec.volumes[{i}].mountPath");
            }

            WorkloadChecks.Quantity(problems, path, volume.Size, $"volume '{volume.Name}' size", $"spec.volumes[{i}].size");
        }

        foreach (var key in args.BuildVars.Keys.Where(k => !Rules.IsEnvName(k)))
        {
            problems.Error(path, $"build variable '{key}' must be a valid variable name", "spec.build.buildVars");
        }

        foreach (var build in app.Builds)
        {
            Build(build, problems);
        }
    }

    private static void Env(App app, ProblemList problems, SecretResolver resolver)
    {
        foreach (var (name, value) in app.Args.Env)
        {
            if (!Rules.IsEnvName(name))
            {
                problems.Error(app.Path, $"env '{name}' is not a valid variable name (letters, digits and '_', not starting with a digit)", "spec.env");
            }

            // Name the variable and where its value should come from; never the value.
            if (value.Secret is { } secret && !secret.IsAvailable(resolver, out var why))
            {
                problems.Error(app.Path, $"env {name}: {why}");
            }
        }

        foreach (var secretName in app.Args.SecretEnv.Where(s => !Rules.IsDnsLabel(s, 253)))
        {
            problems.Error(app.Path, $"SecretEnv '{secretName}' is not a valid Secret name", "spec.secretEnv");
        }
    }

    private static void Domains(App app, ProblemList problems, Dictionary<string, string> hosts)
    {
        var args = app.Args;
        problems.Duplicates(app.Path, "domain", args.Domains.Select(d => d.Host), "spec.domains");
        for (var i = 0; i < args.Domains.Count; i++)
        {
            var domain = args.Domains[i];
            if (!Rules.IsHost(domain.Host))
            {
                problems.Error(app.Path, $"domain '{domain.Host}' must be a lower-case DNS name such as shop.example.com", $"spec.domains[{i}].host");
            }
            else if (hosts.TryGetValue(domain.Host, out var other) && other != app.Path)
            {
                problems.Error(app.Path, $"domain '{domain.Host}' is also used by {other}");
            }
            else
            {
                hosts[domain.Host] = app.Path;
            }

            if (domain.Tls && app.Project.Cluster.Args.Addons.CertManager is null)
            {
                problems.Warning(app.Path, $"domain '{domain.Host}' asks for TLS but the cluster has no CertManager; add Addons.CertManager = new(\"you@example.com\")");
            }
        }
    }

    private static void Bindings(App app, ProblemList problems)
    {
        var bindings = app.Args.Bind.ToList();
        problems.Duplicates(app.Path, "bound service", bindings.Select(b => b.Service.Name), "spec.services");
        for (var i = 0; i < bindings.Count; i++)
        {
            var binding = bindings[i];
            if (binding.Service.Project != app.Project)
            {
                problems.Error(app.Path, $"bound service {binding.Service.Path} is in another project; bind services of project '{app.Project.Name}' only", $"spec.services[{i}]");
            }

            if (binding.EnvPrefix is not null && !Rules.IsEnvPrefix(binding.EnvPrefix))
            {
                problems.Error(app.Path, $"env prefix '{binding.EnvPrefix}' of {binding.Service.Name} must be upper-case letters, digits and '_'", $"spec.services[{i}].envPrefix");
            }
        }
    }

    private static void Build(AppBuild build, ProblemList problems)
    {
        var path = build.Path;
        if (!Rules.IsDnsLabel(build.Name, 63))
        {
            problems.Error(path, $"build name '{build.Name}' must be a DNS label of at most 63 characters", "metadata.name");
        }

        if (build.Args.TimeoutSeconds is < 60 or > 86400)
        {
            problems.Error(path, "timeout must be 60–86400 seconds", "spec.timeoutSeconds");
        }

        if (build.App.Args.Build.Type == BuildKind.Image && build.Args.GitRef is not null)
        {
            problems.Error(path, "an image app has no git repository: give ImageTag, not GitRef", "spec.gitRef");
        }

        foreach (var key in build.Args.BuildVars.Keys.Where(k => !Rules.IsEnvName(k)))
        {
            problems.Error(path, $"build variable '{key}' must be a valid variable name", "spec.buildVars");
        }
    }
}

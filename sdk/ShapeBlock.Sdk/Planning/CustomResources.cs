using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Platform;
using Cr = ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Sdk.Planning;

/// <summary>Renders model resources into the ShapeBlock custom resources (through the typed contract of ShapeBlock.Api).</summary>
internal static class CustomResources
{
    public static JsonObject Project(Model.Project project)
    {
        var args = project.Args;
        var cr = new Cr.Project
        {
            Metadata = Meta(project.Name, null),
            Spec = new Cr.ProjectSpec
            {
                DisplayName = args.DisplayName ?? project.Name,
                Description = args.Description,
                RegistrySecret = RegistryAddon.CredsSecret,
                Quota = args.Quota is { } q ? new Cr.ProjectQuota { Cpu = q.Cpu, Memory = q.Memory, Storage = q.Storage, Pods = q.Pods } : null,
                Defaults = Resources(args.Defaults),
            },
        };
        return ToJson(cr, ShapeBlockJsonContext.Default.Project);
    }

    public static JsonObject Service(Model.Service service)
    {
        var args = service.Args;
        var cr = new Cr.Service
        {
            Metadata = Meta(service.Name, service.Project.Name),
            Spec = new Cr.ServiceSpec
            {
                Type = args.Kind switch
                {
                    ServiceKind.Postgres => Cr.ServiceType.Postgres,
                    ServiceKind.MySql => Cr.ServiceType.Mysql,
                    ServiceKind.Redis => Cr.ServiceType.Redis,
                    ServiceKind.MongoDb => Cr.ServiceType.Mongodb,
                    _ => Cr.ServiceType.Custom,
                },
                Version = args.Version,
                Chart = args.ChartReference is { } c ? new Cr.ChartReference { Name = c.Name, RepoUrl = c.RepoUrl, Version = c.Version } : null,
                Storage = args.Storage,
                Resources = Resources(args.Resources),
                DeletionPolicy = args.DeleteDataOnDestroy ? Cr.DeletionPolicy.Delete : Cr.DeletionPolicy.Retain,
                HelmValues = args.HelmValues?.DeepClone().AsObject(),
            },
        };
        return ToJson(cr, ShapeBlockJsonContext.Default.Service);
    }

    /// <summary>The name of the Secret holding an app's secret environment variables.</summary>
    public static string EnvSecretName(Model.App app) => $"{app.Name}-env";

    public static JsonObject App(Model.App app, string registryUrl)
    {
        var args = app.Args;
        var build = args.Build;
        var plainEnv = args.Env.Where(e => e.Value.Secret is null).ToList();
        var secretEnv = new List<string>(args.SecretEnv);
        if (args.Env.Any(e => e.Value.Secret is not null))
        {
            secretEnv.Add(EnvSecretName(app));
        }

        var cr = new Cr.App
        {
            Metadata = Meta(app.Name, app.Project.Name),
            Spec = new Cr.AppSpec
            {
                DisplayName = args.DisplayName ?? app.Name,
                Description = args.Description,
                Git = args.Git is { } g
                    ? new Cr.GitSource { Url = g.Url, Branch = g.Branch, SubPath = g.SubPath, SecretName = g.SecretName, IsPrivate = g.IsPrivate ? true : null }
                    : null,
                Registry = build.Type == BuildKind.Image ? null : new Cr.RegistryRef { Url = registryUrl },
                Build = new Cr.BuildSpec
                {
                    Type = build.Type switch { BuildKind.Dockerfile => Cr.BuildType.Dockerfile, BuildKind.Buildpack => Cr.BuildType.Buildpack, _ => Cr.BuildType.Image },
                    Dockerfile = build.DockerfilePath,
                    BuilderImage = build.BuilderImage,
                    Image = build.ImageReference,
                    BuildVars = BuildVars(args.BuildVars),
                },
                Port = args.Port ?? 8080,
                Replicas = args.Autoscaling is null ? args.Replicas ?? 1 : null,
                Command = args.Command,
                Args = args.Arguments,
                Env = plainEnv.Count == 0 ? null : plainEnv.ToDictionary(e => e.Key, e => e.Value.Text!),
                SecretEnv = secretEnv.Count == 0 ? null : secretEnv,
                Domains = args.Domains.Count == 0 ? null : [.. args.Domains.Select(d => new Cr.AppDomain { Host = d.Host, Tls = d.Tls })],
                Resources = Resources(args.Resources),
                HealthCheck = args.HealthCheck is { } h ? new Cr.HealthCheck { Path = h.Path, Port = h.Port, InitialDelaySeconds = h.InitialDelaySeconds } : null,
                Autoscaling = args.Autoscaling is { } a
                    ? new Cr.Autoscaling { MinReplicas = a.MinReplicas, MaxReplicas = a.MaxReplicas, TargetCPUUtilization = a.TargetCpuPercent ?? 80 }
                    : null,
                Workers = args.Workers.Count == 0 ? null : [.. args.Workers.Select(w => new Cr.Worker { Name = w.Name, Command = [.. w.Command], Replicas = w.Replicas ?? 1 })],
                Volumes = args.Volumes.Count == 0 ? null : [.. args.Volumes.Select(v => new Cr.AppVolume { Name = v.Name, MountPath = v.MountPath, Size = v.Size })],
                Services = args.Bind.Count == 0 ? null : [.. args.Bind.Select(b => new Cr.ServiceBinding { Name = b.Service.Name, EnvPrefix = b.EnvPrefix ?? EnvPrefix(b.Service.Name) })],
                HelmValues = args.HelmValues?.DeepClone().AsObject(),
            },
        };
        return ToJson(cr, ShapeBlockJsonContext.Default.App);
    }

    /// <summary>The Secret with an app's secret environment variables (values masked; recipes on the side).</summary>
    public static DesiredObject? AppEnvSecret(Model.App app)
    {
        var secrets = app.Args.Env.Where(e => e.Value.Secret is not null).ToList();
        if (secrets.Count == 0)
        {
            return null;
        }

        var secret = K8s.Object("v1", "Secret", EnvSecretName(app), app.Project.Name);
        secret["type"] = "Opaque";
        secret["stringData"] = new JsonObject([.. secrets.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)K8s.SecretMask))]);
        return new DesiredObject(secret)
        {
            ResourcePath = app.Path,
            SecretData = secrets.ToDictionary(e => e.Key, e => SecretValue.Of(e.Value.Secret!)),
        };
    }

    public static JsonObject AppBuild(Model.AppBuild build)
    {
        var args = build.Args;
        var cr = new Cr.AppBuild
        {
            Metadata = Meta(build.Name, build.App.Project.Name),
            Spec = new Cr.AppBuildSpec
            {
                AppName = build.App.Name,
                GitRef = args.GitRef,
                ImageTag = args.ImageTag,
                BuildVars = BuildVars(args.BuildVars),
                HelmValues = args.HelmValues?.DeepClone().AsObject(),
                TimeoutSeconds = args.TimeoutSeconds ?? 1800,
                Resources = Resources(args.Resources),
            },
        };
        return ToJson(cr, ShapeBlockJsonContext.Default.AppBuild);
    }

    public static JsonObject Team(Model.Team team)
    {
        var args = team.Args;
        var cr = new Cr.Team
        {
            Metadata = Meta(team.Name, null),
            Spec = new Cr.TeamSpec
            {
                DisplayName = args.DisplayName ?? team.Name,
                Members = [.. args.Members.Select(m => new Cr.TeamMember
                {
                    Kind = m.Kind switch { MemberKind.User => Cr.MemberKind.User, MemberKind.Group => Cr.MemberKind.Group, _ => Cr.MemberKind.ServiceAccount },
                    Name = m.Name,
                    Namespace = m.Namespace,
                })],
                Projects = [.. args.Projects.Select(p => new Cr.TeamProject
                {
                    Name = p.Key.Name,
                    Role = p.Value switch { ProjectRole.Admin => Cr.TeamRole.Admin, ProjectRole.Developer => Cr.TeamRole.Developer, _ => Cr.TeamRole.Viewer },
                })],
            },
        };
        return ToJson(cr, ShapeBlockJsonContext.Default.Team);
    }

    /// <summary>The default variable prefix of a bound service: its name upper-cased, <c>-</c> as <c>_</c>.</summary>
    public static string EnvPrefix(string serviceName) => serviceName.ToUpperInvariant().Replace('-', '_');

    private static V1ObjectMeta Meta(string name, string? ns) => new() { Name = name, NamespaceProperty = ns };

    private static List<Cr.BuildVar>? BuildVars(Dictionary<string, string> vars) =>
        vars.Count == 0 ? null : [.. vars.Select(v => new Cr.BuildVar { Key = v.Key, Value = v.Value })];

    private static Cr.ResourceRequirements? Resources(ContainerResources? r) => r is null
        ? null
        : new Cr.ResourceRequirements
        {
            Requests = r.Cpu is null && r.Memory is null ? null : new Cr.ComputeResources { Cpu = r.Cpu, Memory = r.Memory },
            Limits = r.CpuLimit is null && r.MemoryLimit is null ? null : new Cr.ComputeResources { Cpu = r.CpuLimit, Memory = r.MemoryLimit },
        };

    private static JsonObject ToJson<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.SerializeToNode(value, info)!.AsObject();
}

using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Planning;

/// <summary>Plans the custom resources of projects, services, apps, builds and teams, each after what it refers to.</summary>
internal static class WorkloadSteps
{
    public static void Add(PlanBuilder builder, Cluster cluster, PlatformContext platform)
    {
        foreach (var project in cluster.Projects)
        {
            var projectStep = project.Path;
            builder.Kubernetes(projectStep, cluster.Name, $"project {project.Name}", [platform.OperatorStep],
                [new DesiredObject(CustomResources.Project(project)) { ResourcePath = project.Path }], project.Path);

            foreach (var service in project.Services)
            {
                builder.Kubernetes(service.Path, cluster.Name, $"service {project.Name}/{service.Name} ({Describe(service.Args)})", [projectStep],
                    [new DesiredObject(CustomResources.Service(service)) { ResourcePath = service.Path }], service.Path);
            }

            foreach (var app in project.Apps)
            {
                var objects = new List<DesiredObject>();
                if (CustomResources.AppEnvSecret(app) is { } envSecret)
                {
                    objects.Add(envSecret);
                }

                objects.Add(new DesiredObject(CustomResources.App(app, platform.RegistryUrl)) { ResourcePath = app.Path });
                var bound = app.Args.Bind.Select(b => b.Service).Where(s => s.Project == project && project.Services.Contains(s)).Select(s => s.Path);
                builder.Kubernetes(app.Path, cluster.Name, $"app {project.Name}/{app.Name} ({Describe(app.Args.Build)})", [projectStep, .. bound], objects, app.Path);

                foreach (var build in app.Builds)
                {
                    builder.Kubernetes(build.Path, cluster.Name, $"build {project.Name}/{build.Name} of {app.Name} ({build.Args.GitRef ?? build.Args.ImageTag ?? "latest"})",
                        [app.Path], [new DesiredObject(CustomResources.AppBuild(build)) { ResourcePath = build.Path }], build.Path);
                }
            }
        }

        foreach (var team in cluster.Teams)
        {
            var projects = team.Args.Projects.Select(p => p.Key).Where(p => cluster.Projects.Contains(p)).Select(p => p.Path).ToList();
            builder.Kubernetes(team.Path, cluster.Name, $"team {team.Name}", projects.Count > 0 ? projects : [platform.OperatorStep],
                [new DesiredObject(CustomResources.Team(team)) { ResourcePath = team.Path }], team.Path);
        }
    }

    private static string Describe(ServiceArgs args) => args.Kind == ServiceKind.Custom
        ? $"chart {args.ChartReference?.Name} {args.ChartReference?.Version}".TrimEnd()
        : $"{args.Kind.ToString().ToLowerInvariant()} {args.Version}".TrimEnd();

    private static string Describe(Build build) => build.Type switch
    {
        BuildKind.Dockerfile => "Dockerfile",
        BuildKind.Buildpack => $"buildpack {build.BuilderImage}",
        _ => $"image {build.ImageReference}",
    };
}

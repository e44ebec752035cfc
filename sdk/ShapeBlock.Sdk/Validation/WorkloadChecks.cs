using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Validation;

/// <summary>Checks projects, services and teams of a cluster, and hands apps to <see cref="AppChecks"/>.</summary>
internal static class WorkloadChecks
{
    private static readonly HashSet<string> ReservedNamespaces =
        ["default", "kube-system", "kube-public", "kube-node-lease", "shapeblock", "cert-manager", "ingress-nginx", "traefik"];

    public static void Check(Cluster cluster, ProblemList problems, SecretResolver resolver)
    {
        problems.Duplicates(cluster.Path, "project", cluster.Projects.Select(p => p.Name));
        problems.Duplicates(cluster.Path, "team", cluster.Teams.Select(t => t.Name));

        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in cluster.Projects)
        {
            Project(project, problems);
            foreach (var service in project.Services)
            {
                Service(service, problems);
            }

            foreach (var app in project.Apps)
            {
                AppChecks.Check(app, problems, resolver, hosts);
            }
        }

        foreach (var team in cluster.Teams)
        {
            Team(team, problems);
        }
    }

    private static void Project(Project project, ProblemList problems)
    {
        var path = project.Path;
        if (!Rules.IsDnsLabel(project.Name, 63))
        {
            problems.Error(path, $"project name '{project.Name}' must be a namespace name: lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit", "metadata.name");
        }
        else if (ReservedNamespaces.Contains(project.Name))
        {
            problems.Error(path, $"project name '{project.Name}' is a reserved namespace; choose another name", "metadata.name");
        }

        problems.Duplicates(path, "app", project.Apps.Select(a => a.Name));
        problems.Duplicates(path, "service", project.Services.Select(s => s.Name));
        problems.Duplicates(path, "build", project.Apps.SelectMany(a => a.Builds).Select(b => b.Name));
        foreach (var name in project.Apps.Select(a => a.Name).Intersect(project.Services.Select(s => s.Name)))
        {
            problems.Error(path, $"'{name}' names both an app and a service; they share the namespace's Service and release names");
        }

        if (project.Args.Quota is { } quota)
        {
            Quantity(problems, path, quota.Cpu, "quota CPU", "spec.quota.cpu");
            Quantity(problems, path, quota.Memory, "quota memory", "spec.quota.memory");
            Quantity(problems, path, quota.Storage, "quota storage", "spec.quota.storage");
            if (quota.Pods is < 0)
            {
                problems.Error(path, $"quota pods must be 0 or more (got {quota.Pods})", "spec.quota.pods");
            }
        }

        Resources(problems, path, project.Args.Defaults, "defaults", "spec.defaults");
    }

    private static void Service(Service service, ProblemList problems)
    {
        var path = service.Path;
        var args = service.Args;
        if (!Rules.IsDns1035Label(service.Name, 42))
        {
            problems.Error(path, $"service name '{service.Name}' must start with a letter, contain only lower-case letters, digits and '-', and be at most 42 characters", "metadata.name");
        }

        if (args.Kind == ServiceKind.Custom)
        {
            if (args.ChartReference is not { } chart || string.IsNullOrWhiteSpace(chart.Name))
            {
                problems.Error(path, "a chart service needs a chart name: Service.Chart(name, repo, version)", "spec");
            }
            else if (!chart.RepoUrl.StartsWith("https://", StringComparison.Ordinal) && !chart.RepoUrl.StartsWith("http://", StringComparison.Ordinal)
                && !chart.RepoUrl.StartsWith("oci://", StringComparison.Ordinal))
            {
                problems.Error(path, $"chart repository '{chart.RepoUrl}' must be an https://, http:// or oci:// URL", "spec.chart.repoURL");
            }
        }
        else if (args.ChartReference is not null)
        {
            problems.Error(path, $"a {args.Kind} service is a catalog entry; remove ChartReference or use Service.Chart(...)", "spec");
        }

        if (args.Storage is not null)
        {
            Quantity(problems, path, args.Storage, "storage", "spec.storage");
        }

        Resources(problems, path, args.Resources, "resources", "spec.resources");
    }

    private static void Team(Team team, ProblemList problems)
    {
        var path = team.Path;
        if (!Rules.IsDnsLabel(team.Name, 46))
        {
            problems.Error(path, $"team name '{team.Name}' must be a DNS label of at most 46 characters (RoleBindings are named 'shapeblock-team-<name>')", "metadata.name");
        }

        if (team.Args.Members.Count == 0)
        {
            problems.Warning(path, "the team has no members");
        }

        for (var i = 0; i < team.Args.Members.Count; i++)
        {
            var member = team.Args.Members[i];
            if (string.IsNullOrWhiteSpace(member.Name))
            {
                problems.Error(path, $"member {i + 1} has no name", $"spec.members[{i}].name");
            }

            if (member.Kind == MemberKind.ServiceAccount && string.IsNullOrWhiteSpace(member.Namespace))
            {
                problems.Error(path, $"service account member '{member.Name}' needs its namespace", $"spec.members[{i}]");
            }
        }

        problems.Duplicates(path, "team project", team.Args.Projects.Select(p => p.Key.Name), "spec.projects");
        foreach (var (project, _) in team.Args.Projects)
        {
            if (project.Cluster != team.Cluster)
            {
                problems.Error(path, $"project '{project.Path}' is in another cluster; a team covers projects of its own cluster");
            }
        }
    }

    internal static void Quantity(ProblemList problems, string path, string? value, string what, string field)
    {
        if (value is not null && !Rules.IsQuantity(value))
        {
            problems.Error(path, $"{what} '{value}' must be a Kubernetes quantity such as 500m, 256Mi or 5Gi", field);
        }
    }

    internal static void Resources(ProblemList problems, string path, ContainerResources? resources, string what, string field)
    {
        if (resources is null)
        {
            return;
        }

        Quantity(problems, path, resources.Cpu, $"{what} CPU", $"{field}.requests.cpu");
        Quantity(problems, path, resources.Memory, $"{what} memory", $"{field}.requests.memory");
        Quantity(problems, path, resources.CpuLimit, $"{what} CPU limit", $"{field}.limits.cpu");
        Quantity(problems, path, resources.MemoryLimit, $"{what} memory limit", $"{field}.limits.memory");
    }
}

using Pulumi;
using ShapeBlock.Pulumi.Mapping;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi;

/// <summary>Arguments of a <see cref="Project"/>.</summary>
public sealed class ProjectArgs : ResourceArgs
{
    /// <summary>The cluster the project lives in.</summary>
    [Input("cluster", required: true)]
    public Cluster? Cluster { get; set; }

    /// <summary>The name shown in the dashboard; the project name when empty.</summary>
    [Input("displayName")]
    public string? DisplayName { get; set; }

    /// <summary>What the project is for.</summary>
    [Input("description")]
    public string? Description { get; set; }

    /// <summary>The namespace's resource quota.</summary>
    [Input("quota")]
    public Model.ProjectQuota? Quota { get; set; }

    /// <summary>Default container requests and limits.</summary>
    [Input("defaults")]
    public Model.ContainerResources? Defaults { get; set; }
}

/// <summary><c>shapeblock:index:Project</c>: a namespace with everything an app needs, as the core's Project custom resource.</summary>
public sealed class Project : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "shapeblock:index:Project";

    /// <summary>Declares the project.</summary>
    /// <param name="name">The project name; also its namespace.</param>
    /// <param name="args">The cluster and settings.</param>
    /// <param name="options">Component options.</param>
    public Project(string name, ProjectArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cluster = args.Cluster ?? throw new ArgumentException($"{TypeToken} {name}: Cluster is required.", nameof(args));
        Mapping = cluster.Mapping;
        Model = Mapping.Cluster.AddProject(name, new Model.ProjectArgs
        {
            DisplayName = args.DisplayName,
            Description = args.Description,
            Quota = args.Quota,
            Defaults = args.Defaults,
        });
        WorkloadMapping.Map(Mapping, this, $"{TypeToken} {name}", Model.Path);
        Namespace = Output.Create(name);
        RegisterOutputs(new Dictionary<string, object?> { ["namespace"] = Namespace });
    }

    /// <summary>The project's namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; }

    internal ClusterMapping Mapping { get; }

    internal Model.Project Model { get; }
}

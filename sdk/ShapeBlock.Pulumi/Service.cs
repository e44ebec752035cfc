using Pulumi;
using ShapeBlock.Pulumi.Mapping;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi;

/// <summary>Arguments of a <see cref="Service"/>.</summary>
public sealed class ServiceArgs : ResourceArgs
{
    /// <summary>The project the service belongs to.</summary>
    [Input("project", required: true)]
    public Project? Project { get; set; }

    /// <summary>The SDK's service settings: kind, version, storage, resources, chart, deletion policy.</summary>
    [Input("settings", required: true)]
    public Model.ServiceArgs? Settings { get; set; }
}

/// <summary><c>shapeblock:index:Service</c>: a backing service (Postgres, MySQL, Redis, MongoDB, a chart) as the core's custom resource.</summary>
public sealed class Service : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "shapeblock:index:Service";

    /// <summary>Declares the service.</summary>
    /// <param name="name">The service name.</param>
    /// <param name="args">The project and settings.</param>
    /// <param name="options">Component options.</param>
    public Service(string name, ServiceArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var project = args.Project ?? throw new ArgumentException($"{TypeToken} {name}: Project is required.", nameof(args));
        var settings = args.Settings ?? throw new ArgumentException($"{TypeToken} {name}: Settings is required, e.g. new ServiceArgs(ServiceKind.Postgres) {{ Version = \"16\" }}.", nameof(args));
        Model = project.Model.AddService(name, settings);
        WorkloadMapping.Map(project.Mapping, this, $"{TypeToken} {name}", Model.Path);
        ServiceName = Output.Create(name);
        RegisterOutputs(new Dictionary<string, object?> { ["serviceName"] = ServiceName });
    }

    /// <summary>The service's name in its project's namespace.</summary>
    [Output("serviceName")]
    public Output<string> ServiceName { get; private set; }

    internal Model.Service Model { get; }
}

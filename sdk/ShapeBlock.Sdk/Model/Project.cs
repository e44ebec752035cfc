namespace ShapeBlock.Sdk.Model;

/// <summary>A project: a namespace of the same name with registry credentials, a build service account and optional quota, holding apps and services.</summary>
public sealed class Project : Resource
{
    private readonly List<App> apps = [];
    private readonly List<Service> services = [];

    internal Project(string name, Cluster cluster, ProjectArgs args)
        : base(name)
    {
        Cluster = cluster;
        Args = args;
    }

    /// <summary>The cluster the project lives in.</summary>
    public Cluster Cluster { get; }

    /// <summary>The project's settings.</summary>
    public ProjectArgs Args { get; }

    /// <summary>The apps, in the order they were added.</summary>
    public IReadOnlyList<App> Apps => apps;

    /// <summary>The backing services, in the order they were added.</summary>
    public IReadOnlyList<Service> Services => services;

    /// <inheritdoc />
    public override string Path => $"{Cluster.Path}/{Name}";

    /// <summary>Adds an app.</summary>
    /// <param name="name">The app name (a DNS label of at most 53 characters: it names a Helm release and a Service).</param>
    /// <param name="args">Source, build, port, domains, bindings, …</param>
    /// <returns>The app, to add builds to.</returns>
    public App AddApp(string name, AppArgs args)
    {
        var app = new App(name, this, args ?? throw new ArgumentNullException(nameof(args)));
        apps.Add(app);
        return app;
    }

    /// <summary>Adds a backing service, e.g. <c>AddService("db", Service.Postgres(version: "16", storage: "5Gi"))</c>.</summary>
    /// <param name="name">The service name (at most 42 characters); its credentials are in Secret <c>&lt;name&gt;-connection</c>.</param>
    /// <param name="args">A catalog entry (<see cref="Service.Postgres"/>, …) or a chart (<see cref="Service.Chart"/>).</param>
    /// <returns>The service, to bind to apps.</returns>
    public Service AddService(string name, ServiceArgs args)
    {
        var service = new Service(name, this, args ?? throw new ArgumentNullException(nameof(args)));
        services.Add(service);
        return service;
    }
}

namespace ShapeBlock.Sdk.Model;

/// <summary>
/// A backing service (a database, a cache, any Helm chart) in a project. Its connection details are in the Secret
/// <c>&lt;name&gt;-connection</c> (HOST, PORT, USERNAME, PASSWORD, DATABASE, URL) with a generated password.
/// Catalog entries: <see cref="Postgres"/>, <see cref="MySql"/>, <see cref="Redis"/>, <see cref="MongoDb"/>; any chart: <see cref="Chart"/>.
/// </summary>
public sealed class Service : Resource
{
    internal Service(string name, Project project, ServiceArgs args)
        : base(name)
    {
        Project = project;
        Args = args;
    }

    /// <summary>The project the service belongs to.</summary>
    public Project Project { get; }

    /// <summary>The service's settings.</summary>
    public ServiceArgs Args { get; }

    /// <inheritdoc />
    public override string Path => $"{Project.Path}/{Name}";

    /// <summary>PostgreSQL from the catalog (pinned chart, small-node defaults).</summary>
    /// <param name="version">Major version, e.g. <c>16</c>.</param>
    /// <param name="storage">Data volume size, e.g. <c>5Gi</c>.</param>
    /// <returns>The service settings (change more with <c>with { … }</c>).</returns>
    public static ServiceArgs Postgres(string version = "16", string storage = "1Gi") => new(ServiceKind.Postgres) { Version = version, Storage = storage };

    /// <summary>MySQL from the catalog.</summary>
    /// <param name="version">Version, e.g. <c>8.4</c>.</param>
    /// <param name="storage">Data volume size.</param>
    /// <returns>The service settings.</returns>
    public static ServiceArgs MySql(string version = "8.4", string storage = "1Gi") => new(ServiceKind.MySql) { Version = version, Storage = storage };

    /// <summary>Redis from the catalog.</summary>
    /// <param name="version">Version, e.g. <c>7</c>.</param>
    /// <param name="storage">Data volume size (persistence); none when empty.</param>
    /// <returns>The service settings.</returns>
    public static ServiceArgs Redis(string version = "7", string? storage = null) => new(ServiceKind.Redis) { Version = version, Storage = storage };

    /// <summary>MongoDB from the catalog.</summary>
    /// <param name="version">Version, e.g. <c>7.0</c>.</param>
    /// <param name="storage">Data volume size.</param>
    /// <returns>The service settings.</returns>
    public static ServiceArgs MongoDb(string version = "7.0", string storage = "1Gi") => new(ServiceKind.MongoDb) { Version = version, Storage = storage };

    /// <summary>Any Helm chart.</summary>
    /// <param name="name">The chart name.</param>
    /// <param name="repo">The repository URL (<c>https://…</c> or <c>oci://…</c>).</param>
    /// <param name="version">The chart version (pin it).</param>
    /// <returns>The service settings.</returns>
    public static ServiceArgs Chart(string name, string repo, string? version = null) =>
        new(ServiceKind.Custom) { ChartReference = new HelmChartReference(name, repo, version) };
}

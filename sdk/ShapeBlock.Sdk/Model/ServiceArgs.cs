using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Model;

/// <summary>Settings of a <see cref="Service"/>; create them with the catalog helpers on <see cref="Service"/>.</summary>
/// <param name="Kind">A catalog type, or <see cref="ServiceKind.Custom"/> with <see cref="ChartReference"/>.</param>
public sealed record ServiceArgs(ServiceKind Kind)
{
    /// <summary>Version of the catalog database.</summary>
    public string? Version { get; init; }

    /// <summary>Data volume size, e.g. <c>5Gi</c>.</summary>
    public string? Storage { get; init; }

    /// <summary>The chart of a custom service.</summary>
    public HelmChartReference? ChartReference { get; init; }

    /// <summary>Requests and limits of the service's main container.</summary>
    public ContainerResources? Resources { get; init; }

    /// <summary>Delete the data volumes when the service is deleted (default: keep them).</summary>
    public bool DeleteDataOnDestroy { get; init; }

    /// <summary>Free-form chart values deep-merged last.</summary>
    public JsonObject? HelmValues { get; init; }
}

/// <summary>Kinds of backing services.</summary>
public enum ServiceKind
{
    /// <summary>PostgreSQL.</summary>
    Postgres,

    /// <summary>MySQL.</summary>
    MySql,

    /// <summary>Redis.</summary>
    Redis,

    /// <summary>MongoDB.</summary>
    MongoDb,

    /// <summary>Any chart.</summary>
    Custom,
}

/// <summary>A Helm chart.</summary>
/// <param name="Name">The chart name.</param>
/// <param name="RepoUrl">The repository URL.</param>
/// <param name="Version">The chart version.</param>
public sealed record HelmChartReference(string Name, string RepoUrl, string? Version = null);

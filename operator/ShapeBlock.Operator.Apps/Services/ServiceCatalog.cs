using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps.Services;

/// <summary>
/// The catalog of backing services. The original platform used Bitnami's charts; Bitnami stopped publishing
/// free, maintained images and charts for most of them in 2025, so a new install would pull frozen or
/// paid images. The catalog uses groundhog2k's charts instead: actively maintained, small (one StatefulSet
/// and a Service), running the databases' official Docker Hub images as non-root with read-only root
/// filesystems, and able to take every credential from an existing Secret — so no password is ever written
/// into Helm values (values end up in the HelmChart object and in Helm's release Secret).
/// </summary>
public static class ServiceCatalog
{
    /// <summary>The groundhog2k chart repository.</summary>
    public const string Repo = "https://groundhog2k.github.io/helm-charts/";

    /// <summary>Every catalog entry, pinned (versions checked against the chart repository on 2026-11-23).</summary>
    public static IReadOnlyDictionary<ServiceType, CatalogEntry> Entries { get; } = new Dictionary<ServiceType, CatalogEntry>
    {
        [ServiceType.Postgres] = new(ServiceType.Postgres, new ChartReference(Repo, "postgres", "1.6.7"), "17", 5432, "postgresql", "app", ("50m", "128Mi"), "512Mi"),
        [ServiceType.Mysql] = new(ServiceType.Mysql, new ChartReference(Repo, "mysql", "3.1.3"), "8.4", 3306, "mysql", "app", ("50m", "256Mi"), "640Mi"),
        [ServiceType.Redis] = new(ServiceType.Redis, new ChartReference(Repo, "redis", "2.4.4"), "7.4", 6379, "redis", "default", ("25m", "32Mi"), "128Mi"),
        [ServiceType.Mongodb] = new(ServiceType.Mongodb, new ChartReference(Repo, "mongodb", "0.7.12"), "8.0", 27017, "mongodb", "app", ("50m", "192Mi"), "512Mi"),
    };

    /// <summary>The default size of a catalog database's volume.</summary>
    public const string DefaultStorage = "1Gi";

    /// <summary>The entry of a catalog type, or null for <c>custom</c> (any chart).</summary>
    /// <param name="type">The type.</param>
    /// <returns>The entry.</returns>
    public static CatalogEntry? Find(ServiceType? type) => type is { } t && Entries.TryGetValue(t, out var entry) ? entry : null;
}

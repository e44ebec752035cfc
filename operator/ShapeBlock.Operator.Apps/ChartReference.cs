namespace ShapeBlock.Operator.Apps;

/// <summary>A Helm chart in an HTTP chart repository, as helm-controller's HelmChart names it.</summary>
/// <param name="Repo">The repository URL (<c>spec.repo</c>).</param>
/// <param name="Chart">The chart name (<c>spec.chart</c>).</param>
/// <param name="Version">The exact chart version (<c>spec.version</c>); always pinned.</param>
public sealed record ChartReference(string Repo, string Chart, string Version);

/// <summary>The chart every App is deployed with.</summary>
public static class NxsUniversalChart
{
    /// <summary>The Nixys public chart repository.</summary>
    public const string Repo = "https://registry.nixys.io/chartrepo/public";

    /// <summary>The chart name.</summary>
    public const string Name = "nxs-universal-chart";

    /// <summary>
    /// The pinned chart version. 2.8.3 is the last 2.x release, the line published in the repository
    /// above; 3.x moved to an OCI registry (oci://registry.nixys.ru/nuc) with nuc-* subchart
    /// dependencies and a schema-validated values contract. <see cref="AppValuesRenderer"/> writes the
    /// 2.8.3 values shape (releasePrefix, containers[].imageTag, envSecrets, typed volumes, hpas with
    /// raw metrics, certManager.originalIssuerName): change both together, and re-check the golden files.
    /// </summary>
    public const string Version = "2.8.3";

    /// <summary>The default reference: <see cref="Repo"/>, <see cref="Name"/>, <see cref="Version"/>.</summary>
    public static ChartReference Reference { get; } = new(Repo, Name, Version);
}

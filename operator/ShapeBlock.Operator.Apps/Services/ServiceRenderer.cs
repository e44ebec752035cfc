using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps.Services;

/// <summary>
/// Renders a Service: the HelmChart (catalog values for a small node, then <c>spec.helmValues</c>, user wins),
/// and for catalog types the connection Secret with keys HOST, PORT, USERNAME, PASSWORD, DATABASE, URL
/// (+ SUPERUSER_PASSWORD) that apps bind to.
/// </summary>
public sealed class ServiceRenderer(AppRenderOptions options)
{
    /// <summary>The key of the superuser password in the connection Secret.</summary>
    public const string SuperuserPasswordKey = "SUPERUSER_PASSWORD";

    /// <summary>Renderer with default options.</summary>
    public ServiceRenderer()
        : this(new AppRenderOptions())
    {
    }

    /// <summary>Renders the Service.</summary>
    /// <param name="service">The Service as read from the API (its uid becomes the owner reference).</param>
    /// <param name="credentials">The credentials kept in its connection Secret (catalog types; ignored for custom charts).</param>
    /// <returns>The objects.</returns>
    /// <exception cref="InvalidHelmValuesException">helmValues set a blocked key.</exception>
    /// <exception cref="InvalidOperationException">A custom Service without a chart.</exception>
    public ServiceRender Render(Service service, ServiceCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(credentials);
        foreach (var key in options.BlockedValueKeys)
        {
            if (service.Spec.HelmValues?.ContainsKey(key) == true)
            {
                throw new InvalidHelmValuesException($"Service.spec.helmValues may not set '{key}': it applies arbitrary manifests with cluster-admin rights");
            }
        }

        var ns = ResourceMetadata.ProjectNamespace(service);
        var name = service.Metadata.Name;
        if (ServiceCatalog.Find(service.Spec.Type) is not { } entry)
        {
            var chart = service.Spec.Chart ?? throw new InvalidOperationException($"Service '{name}' has neither a catalog type nor spec.chart");
            var reference = new ChartReference(chart.RepoUrl ?? "", chart.Name, chart.Version ?? "");
            return new ServiceRender(Chart(service, reference, JsonMerge.Merge(null, service.Spec.HelmValues)), null, null, null);
        }

        var host = $"{entry.FullName(name)}.{ns}.svc.cluster.local";
        var database = entry.Type == ServiceType.Redis ? "0" : name.Replace('-', '_');
        var connectionName = ServiceBindingEnv.SecretName(name);
        var (values, auxiliary) = CatalogValues(service, entry, connectionName, database, credentials);
        var merged = JsonMerge.MergeAll(values, service.Spec.HelmValues);
        var url = entry.Type == ServiceType.Redis ? $"redis://{host}:{entry.Port}" : $"{entry.Scheme}://{host}:{entry.Port}/{database}";
        var connection = Secret(service, connectionName, new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOST"] = host,
            ["PORT"] = entry.Port.ToString(CultureInfo.InvariantCulture),
            ["USERNAME"] = entry.Username,
            ["PASSWORD"] = credentials.Password,
            ["DATABASE"] = database,
            ["URL"] = ConnectionUrl(entry, host, database, credentials.Password),
            [SuperuserPasswordKey] = credentials.SuperuserPassword,
        });
        return new ServiceRender(Chart(service, entry.Chart, merged), connection, auxiliary, url);
    }

    /// <summary>Reads the credentials from an existing connection Secret; null when it lacks them.</summary>
    /// <param name="secret">The Secret.</param>
    /// <returns>The credentials.</returns>
    public static ServiceCredentials? CredentialsOf(V1Secret? secret)
    {
        string? Get(string key) => secret?.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0 ? Encoding.UTF8.GetString(bytes) : null;
        return Get("PASSWORD") is { } password ? new ServiceCredentials(password, Get(SuperuserPasswordKey) ?? password) : null;
    }

    private static string ConnectionUrl(CatalogEntry entry, string host, string database, string password) => entry.Type switch
    {
        ServiceType.Redis => $"redis://:{password}@{host}:{entry.Port}/0",
        ServiceType.Mongodb => $"mongodb://{entry.Username}:{password}@{host}:{entry.Port}/{database}?authSource=admin",
        _ => $"{entry.Scheme}://{entry.Username}:{password}@{host}:{entry.Port}/{database}",
    };

    private static (JsonObject Values, V1Secret? Auxiliary) CatalogValues(Service service, CatalogEntry entry, string connection, string database, ServiceCredentials credentials)
    {
        var resources = AppWorkloadValues.Resources(service.Spec.Resources)
            ?? new JsonObject
            {
                ["requests"] = new JsonObject { ["cpu"] = entry.Requests.Cpu, ["memory"] = entry.Requests.Memory },
                ["limits"] = new JsonObject { ["memory"] = entry.MemoryLimit },
            };
        var values = new JsonObject
        {
            ["image"] = new JsonObject { ["tag"] = service.Spec.Version is { Length: > 0 } version ? version : entry.DefaultVersion },
            ["resources"] = resources,
            ["storage"] = new JsonObject { ["requestedSize"] = service.Spec.Storage ?? ServiceCatalog.DefaultStorage },
        };
        V1Secret? auxiliary = null;
        var userDatabase = new JsonObject
        {
            ["existingSecret"] = connection,
            ["name"] = new JsonObject { ["secretKey"] = "DATABASE" },
            ["user"] = new JsonObject { ["secretKey"] = "USERNAME" },
            ["password"] = new JsonObject { ["secretKey"] = "PASSWORD" },
        };
        switch (entry.Type)
        {
            case ServiceType.Postgres:
                values["settings"] = new JsonObject { ["existingSecret"] = connection, ["superuserPassword"] = new JsonObject { ["secretKey"] = SuperuserPasswordKey } };
                values["userDatabase"] = userDatabase;
                break;
            case ServiceType.Mysql:
                values["settings"] = new JsonObject { ["existingSecret"] = connection, ["rootPassword"] = new JsonObject { ["secretKey"] = SuperuserPasswordKey } };
                values["userDatabase"] = userDatabase;
                break;
            case ServiceType.Redis:
                auxiliary = Secret(service, $"{service.Metadata.Name}-redis-auth", new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["auth.conf"] = $"requirepass {credentials.Password}\n",
                });
                values["extraSecretRedisConfigs"] = auxiliary.Metadata.Name;
                break;
            case ServiceType.Mongodb:
                auxiliary = Secret(service, $"{service.Metadata.Name}-mongodb-init", new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["MONGO_INITDB_ROOT_USERNAME"] = entry.Username,
                    ["MONGO_INITDB_ROOT_PASSWORD"] = credentials.Password,
                    ["MONGO_INITDB_DATABASE"] = database,
                });
                values["extraEnvSecrets"] = new JsonArray(auxiliary.Metadata.Name);
                break;
        }

        return (values, auxiliary);
    }

    private JsonObject Chart(Service service, ChartReference chart, JsonObject values)
    {
        var sorted = JsonCanonical.SortObject((JsonObject)HelmTemplateEscaper.EscapeAll(values)!);
        var ns = ResourceMetadata.ProjectNamespace(service);
        var spec = new JsonObject
        {
            ["chart"] = chart.Chart,
            ["targetNamespace"] = ns,
            ["failurePolicy"] = "abort",
            ["backOffLimit"] = options.HelmBackOffLimit,
            ["valuesContent"] = YamlJson.ToYaml(sorted),
        };
        if (chart.Repo.Length > 0)
        {
            spec["repo"] = chart.Repo;
        }

        if (chart.Version.Length > 0)
        {
            spec["version"] = chart.Version;
        }

        return HelmChartObject.Create(service.Metadata.Name, ns, Labels(service), ResourceMetadata.OwnerReference(service), spec);
    }

    /// <summary>
    /// Credentials Secrets are not owned by the Service: with <c>deletionPolicy: Retain</c> the volumes outlive
    /// the Service, and so must the password that opens them (the reconciler deletes them for <c>Delete</c>).
    /// </summary>
    private static V1Secret Secret(Service service, string name, SortedDictionary<string, string> data) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ResourceMetadata.ProjectNamespace(service), Labels = Labels(service) },
        Type = "Opaque",
        Data = data.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value), StringComparer.Ordinal),
    };

    /// <summary>The labels of everything a Service owns.</summary>
    /// <param name="service">The Service.</param>
    /// <returns>The labels.</returns>
    public static Dictionary<string, string> Labels(Service service) => new(StringComparer.Ordinal)
    {
        [ShapeBlock.Api.Labels.ManagedBy] = ShapeBlock.Api.Labels.ManagedByOperator,
        [ShapeBlock.Api.Labels.Project] = ResourceMetadata.ProjectNamespace(service),
        [ShapeBlock.Api.Labels.Service] = service.Metadata.Name,
    };
}

using System.Text.Json.Serialization;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>Catalog types of backing services.</summary>
public enum ServiceType
{
    /// <summary>PostgreSQL.</summary>
    [JsonStringEnumMemberName("postgres")]
    Postgres,

    /// <summary>MySQL.</summary>
    [JsonStringEnumMemberName("mysql")]
    Mysql,

    /// <summary>Redis-compatible key-value store.</summary>
    [JsonStringEnumMemberName("redis")]
    Redis,

    /// <summary>MongoDB.</summary>
    [JsonStringEnumMemberName("mongodb")]
    Mongodb,

    /// <summary>Any chart given in <c>spec.chart</c>.</summary>
    [JsonStringEnumMemberName("custom")]
    Custom,
}

/// <summary>What happens to a Service's data volumes when it is deleted.</summary>
public enum DeletionPolicy
{
    /// <summary>Keep the volumes (no data lost by accident).</summary>
    Retain,

    /// <summary>Delete the volumes with the release.</summary>
    Delete,
}

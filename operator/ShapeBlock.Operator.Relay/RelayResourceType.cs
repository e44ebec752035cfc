using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Relay;

/// <summary>The kind of custom resource a <see cref="StatusMessage"/> reports on; serialized by name (e.g. <c>"AppBuild"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RelayResourceType>))]
public enum RelayResourceType
{
    /// <summary>An <c>App</c>.</summary>
    App,

    /// <summary>An <c>AppBuild</c>.</summary>
    AppBuild,

    /// <summary>A <c>Project</c>.</summary>
    Project,

    /// <summary>A <c>Service</c>.</summary>
    Service,

    /// <summary>A <c>Team</c>.</summary>
    Team,
}

using System.Text.Json.Serialization;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>How an app's image is made.</summary>
public enum BuildType
{
    /// <summary>Build the repository's Dockerfile with kaniko.</summary>
    [JsonStringEnumMemberName("dockerfile")]
    Dockerfile,

    /// <summary>Build with Cloud Native Buildpacks.</summary>
    [JsonStringEnumMemberName("buildpack")]
    Buildpack,

    /// <summary>Deploy an existing image; nothing is built.</summary>
    [JsonStringEnumMemberName("image")]
    Image,
}

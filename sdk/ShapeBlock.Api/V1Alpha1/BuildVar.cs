using System.ComponentModel.DataAnnotations;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>A build-time variable: a Docker build argument or a buildpack platform env file.</summary>
public sealed record BuildVar
{
    /// <summary>The variable name.</summary>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")]
    public string Key { get; set; } = "";

    /// <summary>The value, passed to the build unchanged (never through a shell).</summary>
    public string? Value { get; set; }
}

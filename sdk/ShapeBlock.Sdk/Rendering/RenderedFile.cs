namespace ShapeBlock.Sdk.Rendering;

/// <summary>One file <c>render</c> writes.</summary>
/// <param name="Path">Relative path with <c>/</c> separators, e.g. <c>prod/012-platform-cert-manager.yaml</c>.</param>
/// <param name="Content">The file content (UTF-8, LF line ends).</param>
public sealed record RenderedFile(string Path, string Content)
{
    /// <summary>True for shell scripts (written executable).</summary>
    public bool IsScript => Path.EndsWith(".sh", StringComparison.Ordinal);
}

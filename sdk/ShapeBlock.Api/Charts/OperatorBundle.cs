using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Api.Charts;

/// <summary>The operator chart rendered as plain manifests (what the SDK applies; checked in under <c>operator/chart/rendered/</c>).</summary>
public static class OperatorBundle
{
    /// <summary>The namespace the platform lives in.</summary>
    public const string DefaultNamespace = "shapeblock";

    /// <summary>The header of the rendered file.</summary>
    public const string Header = "# Generated from operator/chart with its default values by sdk/ShapeBlock.Api.Generator. Do not edit.\n";

    /// <summary>Renders the chart with its default values into namespace <c>shapeblock</c>.</summary>
    /// <param name="chartDirectory">The chart folder.</param>
    /// <returns>A multi-document YAML text.</returns>
    public static string RenderDefault(string chartDirectory) =>
        Header + YamlJson.ToYamlStream(ChartRenderer.Render(chartDirectory, DefaultNamespace));
}

using System.Diagnostics.CodeAnalysis;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Api.Schema;

/// <summary>The CRD YAML files checked in under <c>operator/chart/crds/</c>, rendered from the C# types.</summary>
[RequiresUnreferencedCode("Reflects over the API types; used by the CRD generator, the SDK and tests.")]
public static class CrdManifests
{
    /// <summary>The first line of every generated file.</summary>
    public const string Header = "# Generated from the C# types in sdk/ShapeBlock.Api by sdk/ShapeBlock.Api.Generator. Do not edit.\n";

    /// <summary>Renders every CRD as YAML, keyed by file name (<c>&lt;plural&gt;.apps.shapeblock.io.yaml</c>).</summary>
    /// <returns>File name to YAML text, in a stable order.</returns>
    /// <exception cref="InvalidOperationException">The XML documentation file is missing, so descriptions would silently disappear.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Render()
    {
        var generator = new CrdGenerator();
        if (!generator.HasDescriptions)
        {
            throw new InvalidOperationException("ShapeBlock.Api.xml was not found next to the assembly; build with GenerateDocumentationFile so CRD descriptions are filled in.");
        }

        return [.. generator.GenerateAll().Select(crd =>
            KeyValuePair.Create(crd["metadata"]!["name"]!.GetValue<string>() + ".yaml", Header + YamlJson.ToYaml(crd)))];
    }
}

using System.Text.Json.Nodes;
using ShapeBlock.Api.Charts;

namespace ShapeBlock.Api.Tests;

public sealed class ChartTests
{
    private static readonly JsonNode Values = JsonNode.Parse("""
        {"image":{"repository":"r","tag":"1.0"},"on":true,"off":false,"empty":"","name":"x y","res":{"limits":{"memory":"64Mi"}}}
        """)!;

    [Theory]
    [InlineData("image: {{ .Values.image.repository }}:{{ .Values.image.tag }}", "image: r:1.0")]
    [InlineData("ns: {{ .Release.Namespace }}", "ns: shapeblock")]
    [InlineData("v: {{ .Values.name | quote }}", "v: \"x y\"")]
    [InlineData("v: {{ .Values.empty | default \"fallback\" }}", "v: fallback")]
    [InlineData("v: {{ .Values.missing.deep | default \"d\" | quote }}", "v: \"d\"")]
    [InlineData("a\n{{- if .Values.on }}\nb\n{{- end }}\nc", "a\nb\nc")]
    [InlineData("a\n{{- if .Values.off }}\nb\n{{- end }}\nc", "a\nc")]
    [InlineData("a\n{{- if not .Values.empty }}\nb\n{{- end }}", "a\nb")]
    [InlineData("r:\n  {{- toYaml .Values.res | nindent 2 }}", "r:\n  limits:\n    memory: 64Mi")]
    public void Renders_the_supported_subset(string template, string expected) =>
        Assert.Equal(expected, ChartTemplate.Render(template, Values, "shapeblock"));

    [Theory]
    [InlineData("{{ include \"x\" . }}")]
    [InlineData("{{ .Values.name | upper }}")]
    [InlineData("{{- if .Values.on }}")]
    [InlineData("{{- end }}")]
    public void Refuses_what_it_does_not_support(string template) =>
        Assert.Throws<FormatException>(() => ChartTemplate.Render(template, Values, "ns"));

    [Fact]
    public void Values_merge_maps_and_replace_the_rest()
    {
        var merged = ChartTemplate.MergeValues(Values, JsonNode.Parse("""{"image":{"tag":"2.0"},"on":false}"""));

        Assert.Equal("r", merged["image"]!["repository"]!.GetValue<string>());
        Assert.Equal("2.0", merged["image"]!["tag"]!.GetValue<string>());
        Assert.False(merged["on"]!.GetValue<bool>());
        Assert.Equal("1.0", Values["image"]!["tag"]!.GetValue<string>());
    }

    [Fact]
    public void Rendered_operator_bundle_is_up_to_date()
    {
        var path = Path.Combine(RepositoryFiles.Root, "operator", "chart", "rendered", "shapeblock-operator.yaml");
        var expected = OperatorBundle.RenderDefault(Path.Combine(RepositoryFiles.Root, "operator", "chart"));

        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected, $"{path} is stale; run: dotnet run --project sdk/ShapeBlock.Api.Generator");
    }

    [Fact]
    public void Chart_overrides_reach_the_manifests()
    {
        var docs = ChartRenderer.Render(
            Path.Combine(RepositoryFiles.Root, "operator", "chart"),
            "platform",
            JsonNode.Parse("""{"image":{"tag":"9.9.9"},"shapeblock":{"existingSecret":"mine"},"serviceMonitor":{"enabled":true}}"""));

        var deployment = docs.Single(d => d["kind"]!.GetValue<string>() == "Deployment");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("ghcr.io/shapeblock/operator:9.9.9", container["image"]!.GetValue<string>());
        Assert.Equal("platform", deployment["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("mine", container["envFrom"]![0]!["secretRef"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain(docs, d => d["kind"]!.GetValue<string>() == "Secret");
        Assert.Contains(docs, d => d["kind"]!.GetValue<string>() == "ServiceMonitor");
    }
}

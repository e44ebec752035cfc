using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;

namespace ShapeBlock.Api.Tests;

public sealed class YamlJsonTests
{
    [Fact]
    public void Strings_that_look_like_other_types_survive_a_round_trip()
    {
        var node = new JsonObject
        {
            ["version"] = "16",
            ["flag"] = "yes",
            ["off"] = "off",
            ["nothing"] = "null",
            ["float"] = "1.5",
            ["empty"] = "",
            ["multi"] = "line one\nline two\n",
            ["number"] = 16,
            ["bool"] = true,
            ["list"] = new JsonArray(1, "2", null),
            ["nested"] = new JsonObject { ["emptyMap"] = new JsonObject(), ["emptyList"] = new JsonArray() },
        };

        var yaml = YamlJson.ToYaml(node);
        var back = YamlJson.Parse(yaml);

        Assert.True(JsonNode.DeepEquals(node, back), yaml);
        Assert.Contains("flag: \"yes\"", yaml, StringComparison.Ordinal);
        Assert.Contains("multi: |", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_every_document_of_a_stream_and_skips_empty_ones()
    {
        var docs = YamlJson.ParseDocuments("---\na: 1\n---\n# only a comment\n---\nb: [x, 'y']\n");

        Assert.Equal(2, docs.Count);
        Assert.Equal(1, docs[0]["a"]!.GetValue<long>());
        Assert.Equal("y", docs[1]["b"]![1]!.GetValue<string>());
    }

    [Fact]
    public void Invalid_yaml_reports_the_position()
    {
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlJson.Parse("a: b: c\n"));
        Assert.Contains("Line", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

using System.Text.Json;
using k8s.Models;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Runtime.Tests;

/// <summary>Codecs over source-generated metadata, including the lazy one the operator's start-up relies on.</summary>
public sealed class JsonTypeInfoCodecTests
{
    [Fact]
    public void A_lazy_codec_resolves_its_metadata_at_first_use_and_only_once()
    {
        var resolved = 0;
        var context = new TestJsonContext();
        var codec = new JsonTypeInfoCodec<V1ConfigMap>(() =>
        {
            resolved++;
            return context.V1ConfigMap;
        });
        Assert.Equal(0, resolved);

        var json = codec.Write(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["mode"] = "fast" } });
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var read = codec.Read(ref reader);
        var element = codec.Read(JsonDocument.Parse(json).RootElement);

        Assert.Equal(1, resolved);
        Assert.Equal("settings", read.Metadata.Name);
        Assert.Equal("fast", read.Data["mode"]);
        Assert.Equal("settings", element.Metadata.Name);
    }
}
